/** Credit movements, newest first: date, kind, channel, holder, signed amount, reference or note. */
import { For } from "solid-js";
import { t } from "../i18n";
import type { LedgerEntry } from "../lib/api";
import { formatDateTime, formatSigned } from "../lib/format";

export default function LedgerTable(props: { entries: LedgerEntry[]; holderName: (holder: string) => string }) {
  return (
    <div class="table-wrap table-tall">
      <table class="data" aria-label={t("credits.historyLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("credits.col.date")}</th>
            <th scope="col">{t("credits.col.kind")}</th>
            <th scope="col">{t("credits.col.channel")}</th>
            <th scope="col">{t("credits.col.holder")}</th>
            <th scope="col" class="num">{t("credits.col.amount")}</th>
            <th scope="col">{t("credits.col.reference")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(e) => (
              <tr>
                <td class="nowrap">{formatDateTime(e.at)}</td>
                <td>{t(`credits.kind.${e.kind}`)}</td>
                <td>{t(e.channel === "email" ? "channel.emailTitle" : "channel.smsTitle")}</td>
                <td>{props.holderName(e.holder)}</td>
                <td class="num" classList={{ "amount-neg": e.amount < 0 }}>
                  {formatSigned(e.amount)}
                </td>
                <td class="muted">{e.note ?? e.reference ?? t("common.none")}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
