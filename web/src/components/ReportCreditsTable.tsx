/** The month's credit per channel and holder: used (net of refunds), refunded, received, expired, and the balance at the month's end. */
import { For } from "solid-js";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import type { MonthlyReport } from "../lib/api";

export default function ReportCreditsTable(props: { credits: MonthlyReport["credits"]; holderName: (holder: string) => string }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("reports.creditsLabel")} data-testid="report-credits">
        <thead>
          <tr>
            <th scope="col">{t("reports.col.channel")}</th>
            <th scope="col">{t("reports.col.holder")}</th>
            <th scope="col" class="num">{t("reports.col.used")}</th>
            <th scope="col" class="num">{t("reports.col.refunded")}</th>
            <th scope="col" class="num">{t("reports.col.granted")}</th>
            <th scope="col" class="num">{t("reports.col.expired")}</th>
            <th scope="col" class="num">{t("reports.col.balance")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.credits}>
            {(c) => (
              <tr>
                <td>{t(c.channel === "email" ? "channel.emailTitle" : "channel.smsTitle")}</td>
                <td>{props.holderName(c.holder)}</td>
                <td class="num">{formatNumber(c.used)}</td>
                <td class="num">{formatNumber(c.refunded)}</td>
                <td class="num">{formatNumber(c.granted)}</td>
                <td class="num">{formatNumber(c.expired)}</td>
                <td class="num cell-strong">{formatNumber(c.balance)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
