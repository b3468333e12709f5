/**
 * The campaign's "Análisis" section (W3): the peak-hours sentence, opens and clicks over time
 * (72 h hourly / whole life daily) and the Lima weekday × hour heatmap. Fetched once when the
 * page opens; an empty state until the first human open or click.
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { hasEngagement, peakSentence } from "../lib/analytics";
import LoadState from "./LoadState";
import EmptyState from "./EmptyState";
import AnalyticsTimeline from "./AnalyticsTimeline";
import EngagementHeatmap from "./EngagementHeatmap";

export default function CampaignAnalytics(props: { campaignId: string }) {
  const analytics = createLoader(() => api.campaignAnalytics(props.campaignId));
  return (
    <section class="section" aria-labelledby="camp-analytics" data-testid="campaign-analytics">
      <h2 id="camp-analytics" class="section-title">
        {t("analytics.title")}
      </h2>
      <Show when={analytics.data()} fallback={<LoadState loading={analytics.loading()} error={analytics.error()} onRetry={() => void analytics.reload()} />}>
        {(a) => (
          <Show when={hasEngagement(a())} fallback={<EmptyState body={t("analytics.empty")} />}>
            <p data-testid="peak-hours">
              {peakSentence(a().peakHours)}
            </p>
            <AnalyticsTimeline data={a()} />
            <EngagementHeatmap rows={a().heatmap} id="camp-heatmap" />
          </Show>
        )}
      </Show>
    </section>
  );
}
