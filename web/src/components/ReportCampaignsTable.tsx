/**
 * R1 a), b), d), e), f) per campaign: sends, delivered and its rate, unique opens with the open
 * rate, total opens with the re-open rate, not opened, unique clicks with the click rate,
 * bounces, unsubscribes and the Lima peak hours. Each rate sits small under its count.
 * Each name links to the campaign's page.
 */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import { peaksText, rateText } from "../lib/reports";
import type { MonthlyReport } from "../lib/api";

export default function ReportCampaignsTable(props: { campaigns: MonthlyReport["campaigns"] }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("reports.campaignsLabel")} data-testid="report-campaigns">
        <thead>
          <tr>
            <th scope="col">{t("reports.col.campaign")}</th>
            <th scope="col" class="num">{t("reports.col.sent")}</th>
            <th scope="col" class="num">{t("reports.col.delivered")}</th>
            <th scope="col" class="num">{t("reports.col.uniqueOpens")}</th>
            <th scope="col" class="num">{t("reports.col.opens")}</th>
            <th scope="col" class="num">{t("reports.col.notOpened")}</th>
            <th scope="col" class="num">{t("reports.col.clicks")}</th>
            <th scope="col" class="num">{t("reports.col.bounced")}</th>
            <th scope="col" class="num">{t("reports.col.unsubscribed")}</th>
            <th scope="col">{t("reports.col.peaks")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.campaigns}>
            {(c) => (
              <tr>
                <td class="cell-strong">
                  <A href={`/campaigns/${encodeURIComponent(c.campaignId)}`}>{c.name}</A>
                </td>
                <td class="num">{formatNumber(c.sent)}</td>
                <td class="num">
                  {formatNumber(c.delivered)}
                  <span class="cell-sub">{rateText(c.deliveredRate)}</span>
                </td>
                <td class="num">
                  {formatNumber(c.uniqueOpens)}
                  <span class="cell-sub">{rateText(c.openRate)}</span>
                </td>
                <td class="num">
                  {formatNumber(c.opens)}
                  <span class="cell-sub">{t("reports.reopens", { rate: rateText(c.reopenRate) })}</span>
                </td>
                <td class="num">{formatNumber(c.notOpened)}</td>
                <td class="num">
                  {formatNumber(c.uniqueClicks)}
                  <span class="cell-sub">{rateText(c.clickRate)}</span>
                </td>
                <td class="num">{formatNumber(c.bounced)}</td>
                <td class="num">{formatNumber(c.unsubscribed)}</td>
                <td class="nowrap">{peaksText(c.peakHours)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
