/** The main pool and each sub-user's allocation, per channel: available, reserved, next expiry. */
import { For } from "solid-js";
import { t } from "../i18n";
import type { HolderBalance } from "../lib/api";
import { formatDate, formatNumber } from "../lib/format";

function nextExpiry(h: HolderBalance): string | null {
  const dates = [h.email.nextExpiry, h.sms.nextExpiry].filter((d): d is string => !!d).sort();
  return dates[0] ?? null;
}

export default function HoldersTable(props: { main: HolderBalance; allocations: HolderBalance[]; holderName: (holder: string) => string }) {
  const rows = () => [props.main, ...props.allocations];
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("credits.holdersLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("credits.col.holder")}</th>
            <th scope="col" class="num">{t("credits.col.emailAvailable")}</th>
            <th scope="col" class="num">{t("credits.col.emailReserved")}</th>
            <th scope="col" class="num">{t("credits.col.smsAvailable")}</th>
            <th scope="col" class="num">{t("credits.col.smsReserved")}</th>
            <th scope="col">{t("credits.col.nextExpiry")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(h) => (
              <tr data-holder={h.holder}>
                <th scope="row" class="cell-strong">{props.holderName(h.holder)}</th>
                <td class="num" data-testid="holder-email-available">{formatNumber(h.email.available)}</td>
                <td class="num">{formatNumber(h.email.reserved)}</td>
                <td class="num" data-testid="holder-sms-available">{formatNumber(h.sms.available)}</td>
                <td class="num">{formatNumber(h.sms.reserved)}</td>
                <td class="nowrap">{formatDate(nextExpiry(h)) || t("common.none")}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
