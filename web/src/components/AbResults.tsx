/**
 * A campaign's A/B test (B3) on its page: what is tested, when the winner is (or was) picked,
 * and a table of both versions' test sample — sent, opens, open rate, clicks, click rate — with
 * the winner marked in words, not colour alone. Live while the campaign page polls.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { CampaignOut } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";
import { formatRate } from "../lib/ab";

type Ab = NonNullable<CampaignOut["ab"]>;

export default function AbResults(props: { campaign: CampaignOut; ab: Ab; templateName: (id: string | null) => string }) {
  const ab = () => props.ab;
  const status = () => {
    if (ab().winner) return t("ab.decided", { winner: ab().winner!, date: formatDateTime(ab().result?.decidedAt) });
    if (ab().decideAt && props.campaign.status !== "cancelled") return t("ab.deciding", { date: formatDateTime(ab().decideAt) });
    return props.campaign.status === "draft" || props.campaign.status === "scheduled" ? t("ab.pending") : null;
  };
  const content = (v: "A" | "B") => {
    if (ab().kind === "subject") return v === "A" ? props.campaign.subject : (ab().subjectB ?? "");
    return v === "A" ? props.templateName(props.campaign.templateId) || t("ab.sameTemplate") : props.templateName(ab().templateIdB) || t("ab.otherTemplate");
  };
  return (
    <section class="section" aria-labelledby="camp-ab" data-testid="ab-results">
      <h2 id="camp-ab" class="section-title">
        {t("ab.title")}
      </h2>
      <p class="muted">
        {t("ab.summary", { what: t(`ab.what.${ab().kind}`), percent: formatNumber(ab().testPercent), metric: t(`ab.metricWord.${ab().metric}`), hours: formatNumber(ab().waitHours) })}
      </p>
      <Show when={status()}>
        <p data-testid="ab-status">{status()}</p>
      </Show>
      <div class="table-wrap">
        <table class="data" aria-label={t("ab.tableLabel")}>
          <thead>
            <tr>
              <th scope="col">{t("ab.col.version")}</th>
              <th scope="col">{t("ab.col.content")}</th>
              <th scope="col" class="num">{t("ab.col.sent")}</th>
              <th scope="col" class="num">{t("ab.col.opens")}</th>
              <th scope="col" class="num">{t("ab.col.openRate")}</th>
              <th scope="col" class="num">{t("ab.col.clicks")}</th>
              <th scope="col" class="num">{t("ab.col.clickRate")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={["A", "B"] as const}>
              {(v) => {
                const n = () => ab().variants[v];
                return (
                  <tr data-variant={v}>
                    <th scope="row" class="cell-strong nowrap">
                      {t("ab.version", { v })}
                      <Show when={ab().winner === v}>
                        {" "}
                        <span class="badge badge-ok">{t("ab.winner")}</span>
                      </Show>
                    </th>
                    <td>{content(v)}</td>
                    <td class="num">{formatNumber(n().sent)}</td>
                    <td class="num">{formatNumber(n().opens)}</td>
                    <td class="num">{formatRate(n().opens, n().sent)}</td>
                    <td class="num">{formatNumber(n().clicks)}</td>
                    <td class="num">{formatRate(n().clicks, n().sent)}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
