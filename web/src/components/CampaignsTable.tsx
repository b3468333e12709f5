/** Campaigns: name (under it the subject, or "SMS" and the start of the text), state with its word, audience, scheduled or sent date (Lima), sent / total. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { CampaignOut } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";
import { excerpt } from "../lib/sms-messages";
import CampaignStatusBadge from "./CampaignStatusBadge";

export default function CampaignsTable(props: { campaigns: CampaignOut[]; audienceName: (c: CampaignOut) => string }) {
  const when = (c: CampaignOut) => formatDateTime(c.finishedAt ?? c.startedAt ?? c.scheduledAt);
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("camp.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("camp.col.name")}</th>
            <th scope="col">{t("camp.col.status")}</th>
            <th scope="col">{t("camp.col.audience")}</th>
            <th scope="col">{t("camp.col.date")}</th>
            <th scope="col" class="num">{t("camp.col.progress")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.campaigns}>
            {(c) => (
              <tr data-campaign-name={c.name}>
                <th scope="row" class="cell-strong">
                  <A href={`/campaigns/${c.id}`}>{c.name}</A>
                  <span class="cell-sub">{c.channel === "sms" ? t("smsCamp.listSub", { text: excerpt(c.text ?? "", 60) }) : c.subject}</span>
                </th>
                <td>
                  <CampaignStatusBadge status={c.status} />
                </td>
                <td>{props.audienceName(c)}</td>
                <td class="nowrap">{when(c) || t("camp.d.none")}</td>
                <td class="num nowrap" data-testid="campaign-progress">
                  {c.progress.total > 0 ? t("camp.progressCount", { sent: formatNumber(c.progress.sent), total: formatNumber(c.progress.total) }) : t("camp.d.none")}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
