/**
 * Recent text messages, newest first: when (Lima), to whom, the start of the text, segments and
 * the status badge; a failed message says why under its badge, a long one how each part went.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { SmsMessageOut } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";
import { formatPhone } from "../lib/sms";
import { excerpt } from "../lib/sms-messages";
import { smsStatusLabel } from "../lib/sms-words";
import SmsStatusBadge from "./SmsStatusBadge";

function partsText(m: SmsMessageOut): string | null {
  if (m.parts.length < 2 || m.parts.every((p) => p.status === m.parts[0]!.status)) return null;
  return t("sms.parts", { parts: m.parts.map((p) => `${p.part}: ${smsStatusLabel(p.status).toLowerCase()}`).join(", ") });
}

export default function SmsMessagesTable(props: { messages: SmsMessageOut[] }) {
  return (
    <div class="table-wrap table-tall">
      <table class="data" aria-label={t("sms.messages.tableLabel")} data-testid="sms-messages">
        <thead>
          <tr>
            <th scope="col">{t("sms.col.date")}</th>
            <th scope="col">{t("sms.col.to")}</th>
            <th scope="col">{t("sms.col.text")}</th>
            <th scope="col" class="num">
              {t("sms.col.segments")}
            </th>
            <th scope="col">{t("sms.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.messages}>
            {(m) => (
              <tr data-id={m.id}>
                <td class="nowrap">{formatDateTime(m.createdAt)}</td>
                <td class="nowrap">{formatPhone(m.to)}</td>
                <td class="sms-message-text" title={m.text}>
                  {excerpt(m.text)}
                </td>
                <td class="num">{formatNumber(m.segments)}</td>
                <td>
                  <SmsStatusBadge status={m.status} />
                  <Show when={m.error && m.status !== "delivered"}>
                    <span class="hint sms-error">{m.error}</span>
                  </Show>
                  <Show when={partsText(m)}>{(p) => <span class="hint sms-error">{p()}</span>}</Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
