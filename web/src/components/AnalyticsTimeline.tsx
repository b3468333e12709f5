/**
 * Opens and clicks of a campaign over time as an apexcharts line (loaded lazily): per hour for
 * the first 72 hours after the send started, or per Lima day over the whole life. The two lines
 * differ in colour (Okabe–Ito blue and vermilion) and in dash, never by colour alone, and a
 * sentence states the totals shown for those who do not see the chart.
 */
import { Show, createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type ApexCharts from "apexcharts";
import "../styles/live.css";
import { locale, t } from "../i18n";
import { formatNumber } from "../lib/format";
import { formatSlot } from "../lib/live";
import { formatDay } from "../lib/analytics";
import type { CampaignAnalytics } from "../lib/api";

type Unit = "hour" | "day";

export default function AnalyticsTimeline(props: { data: CampaignAnalytics }) {
  const [unit, setUnit] = createSignal<Unit>("hour");
  const [ready, setReady] = createSignal(false);
  let el: HTMLDivElement | undefined;
  let chart: ApexCharts | undefined;

  const points = () =>
    unit() === "hour"
      ? props.data.timeline72h.map((p) => ({ label: formatSlot(p.hour, "hour"), opens: p.opens, clicks: p.clicks }))
      : props.data.daily.map((p) => ({ label: formatDay(p.day), opens: p.opens, clicks: p.clicks }));
  const totals = () => points().reduce((s, p) => ({ opens: s.opens + p.opens, clicks: s.clicks + p.clicks }), { opens: 0, clicks: 0 });
  const options = () => {
    const pts = points();
    return {
      series: [
        { name: t("analytics.timeline.opens"), data: pts.map((p) => p.opens) },
        { name: t("analytics.timeline.clicks"), data: pts.map((p) => p.clicks) },
      ],
      // A day's lone point must show: markers on the daily view (and on any short series).
      markers: { size: pts.length <= 31 ? 4 : 0 },
      xaxis: { categories: pts.map((p) => p.label), tickAmount: Math.min(pts.length, 12), labels: { rotate: -45, hideOverlappingLabels: true }, tooltip: { enabled: false } },
    };
  };

  onMount(async () => {
    const { default: Apex } = await import("apexcharts");
    if (!el) return;
    chart = new Apex(el, {
      chart: { type: "line", height: 280, animations: { enabled: false }, toolbar: { show: false }, zoom: { enabled: false }, fontFamily: "inherit" },
      ...options(),
      colors: ["#0072B2", "#D55E00"],
      stroke: { width: [3, 3], dashArray: [0, 6], curve: "straight" },
      grid: { padding: { left: 16, right: 24 } },
      legend: { position: "top", horizontalAlign: "left" },
      yaxis: { min: 0, forceNiceScale: true, labels: { formatter: (v: number) => formatNumber(Math.round(v)) } },
      tooltip: { y: { formatter: (v: number) => formatNumber(v) } },
      noData: { text: "" },
    });
    await chart.render();
    setReady(true);
    onCleanup(() => chart?.destroy());
  });

  createEffect(() => {
    const o = options();
    locale();
    if (ready()) void chart?.updateOptions(o, false, false);
  });

  return (
    <section class="section" aria-labelledby="analytics-timeline">
      <div class="section-head">
        <h3 id="analytics-timeline" class="subsection-title">
          {t("analytics.timeline.title")}
        </h3>
        <div class="segmented" role="group" aria-label={t("analytics.timeline.unitLabel")}>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={unit() === "hour"} onClick={() => setUnit("hour")}>
            {t("analytics.timeline.hourly")}
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={unit() === "day"} onClick={() => setUnit("day")}>
            {t("analytics.timeline.daily")}
          </button>
        </div>
      </div>
      <div class="card">
        <p class="visually-hidden" data-testid="analytics-timeline-summary">
          {t("analytics.timeline.summary", { opens: formatNumber(totals().opens), clicks: formatNumber(totals().clicks) })}
        </p>
        <Show when={!ready()}>
          <p class="muted">{t("analytics.loading")}</p>
        </Show>
        <div ref={el} class="live-chart" data-testid="analytics-timeline" aria-hidden="true" />
        <p class="muted small">{t("analytics.timeline.note", { opens: formatNumber(props.data.machine.opens), clicks: formatNumber(props.data.machine.clicks) })}</p>
      </div>
    </section>
  );
}
