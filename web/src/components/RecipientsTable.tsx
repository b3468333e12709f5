/**
 * The recipients of a campaign: address (a button that opens the recipient's history) with the
 * name under it, the delivery's status with bounce, unsubscribe and complaint badges, when it was
 * sent, first open and first click in Lima time, and opens (people; machines in their own column)
 * and clicks as right-aligned numbers. Clicking anywhere on a row opens the history too. On a
 * phone each row becomes a card whose cells carry their column's name.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { RecipientOut } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";
import { statusBadge } from "../lib/recipients";

const when = (iso: string | null) => (iso ? formatDateTime(iso) : t("common.none"));

export default function RecipientsTable(props: { recipients: RecipientOut[]; onOpen: (r: RecipientOut) => void }) {
  return (
    <div class="table-wrap table-tall stack-phone-wrap">
      <table class="data stack-phone recip-table" aria-label={t("recip.tableLabel")} data-testid="recipients-table">
        <thead>
          <tr>
            <th scope="col">{t("recip.col.recipient")}</th>
            <th scope="col">{t("recip.col.status")}</th>
            <th scope="col">{t("recip.col.sentAt")}</th>
            <th scope="col">{t("recip.col.firstOpen")}</th>
            <th scope="col" class="num">
              {t("recip.col.opens")}
            </th>
            <th scope="col" class="num th-wrap">
              {t("recip.col.machineOpens")}
            </th>
            <th scope="col">{t("recip.col.firstClick")}</th>
            <th scope="col" class="num">
              {t("recip.col.clicks")}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.recipients}>
            {(r) => (
              <tr class="row-link" data-recipient={r.email} onClick={() => props.onOpen(r)}>
                <th scope="row" class="cell-strong cell-contact">
                  <button
                    type="button"
                    class="link-button"
                    aria-label={t("recip.open", { email: r.email })}
                    onClick={(e) => {
                      e.stopPropagation();
                      props.onOpen(r);
                    }}
                  >
                    {r.email}
                  </button>
                  <Show when={r.name}>
                    <span class="cell-sub">{r.name}</span>
                  </Show>
                </th>
                <td data-label={t("recip.col.status")}>
                  <span class="badges">
                    <span class={`badge ${statusBadge(r).tone}`}>{statusBadge(r).text}</span>
                    <Show when={r.unsubscribedAt}>
                      <span class="badge badge-warn">{t("recip.unsubscribed")}</span>
                    </Show>
                    <Show when={r.complainedAt}>
                      <span class="badge badge-bad">{t("recip.complained")}</span>
                    </Show>
                  </span>
                </td>
                <td class="nowrap" classList={{ muted: !r.sentAt }} data-label={t("recip.col.sentAt")}>
                  {when(r.sentAt)}
                </td>
                <td class="nowrap" classList={{ muted: !r.firstOpenAt }} data-label={t("recip.col.firstOpen")}>
                  {when(r.firstOpenAt)}
                </td>
                <td class="num" data-label={t("recip.col.opens")} data-testid="recipient-opens">
                  {formatNumber(r.opens)}
                </td>
                <td class="num" classList={{ muted: r.machineOpens === 0 }} data-label={t("recip.col.machineOpens")}>
                  {formatNumber(r.machineOpens)}
                </td>
                <td class="nowrap" classList={{ muted: !r.firstClickAt }} data-label={t("recip.col.firstClick")}>
                  {when(r.firstClickAt)}
                </td>
                <td class="num" data-label={t("recip.col.clicks")}>
                  {formatNumber(r.clicks)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
