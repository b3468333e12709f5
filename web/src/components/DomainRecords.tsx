/**
 * The DNS records a sending domain must publish, exactly: what each one is for and whether it is
 * required, its type, its name and its value, each with a copy button, and the note that goes
 * with it (merge into the existing SPF record, the DMARC report mailbox…). On a phone each
 * record becomes a block whose cells carry their column's name (data-label).
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { PublishRecord } from "../lib/api";
import CopyButton from "./CopyButton";

export default function DomainRecords(props: { domain: string; records: PublishRecord[] }) {
  const kind = (r: PublishRecord) => t(`dom.kind.${r.kind}`);
  return (
    <div class="table-wrap records-wrap">
      <table class="data records" aria-label={t("dom.recordsLabel", { domain: props.domain })}>
        <thead>
          <tr>
            <th scope="col">{t("dom.col.record")}</th>
            <th scope="col">{t("dom.col.type")}</th>
            <th scope="col">{t("dom.col.host")}</th>
            <th scope="col">{t("dom.col.value")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.records}>
            {(r) => (
              <tr data-record={r.kind}>
                <th scope="row" class="record-kind">
                  <span class="cell-strong">{kind(r)}</span>{" "}
                  <span class={`badge ${r.required ? "badge-info" : "badge-off"}`}>{r.required ? t("dom.required") : t("dom.recommended")}</span>
                  <span class="cell-sub">{t(`dom.purpose.${r.kind}`)}</span>
                </th>
                <td class="mono" data-label={t("dom.col.type")}>
                  {r.type}
                </td>
                <td class="record-host" data-label={t("dom.col.host")}>
                  <div class="record-cell">
                    <code class="record-text" data-testid={`host-${r.kind}`}>{r.host}</code>
                    <CopyButton value={r.host} label={t("dom.copyHost", { kind: kind(r) })} />
                  </div>
                </td>
                <td class="record-value-cell" data-label={t("dom.col.value")}>
                  <Show when={r.value} fallback={<p class="muted">{t("dom.noValue")}</p>}>
                    {(value) => (
                      <div class="record-cell">
                        <code class="record-text record-value" data-testid={`value-${r.kind}`}>{value()}</code>
                        <CopyButton value={value()} label={t("dom.copyValue", { kind: kind(r) })} />
                      </div>
                    )}
                  </Show>
                  <Show when={r.note}>{(note) => <p class="hint record-note">{t(`dom.note.${note()}`, { domain: props.domain })}</p>}</Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
