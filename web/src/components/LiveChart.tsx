/**
 * Opens and clicks over time as an apexcharts line (loaded lazily, so the charts library stays
 * out of the first load), per minute for the last hour or per hour for 72 h, in Lima time. The
 * two lines differ in colour (Okabe–Ito blue and orange) and in dash, never by colour alone, and
 * a sentence states the totals for those who do not see the chart. For an SMS campaign (`sms`)
 * the first line is deliveries (the series carries them where email has opens).
 */
import { Show, createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type ApexCharts from "apexcharts";
import type { SeriesPoint } from "../../../shared/live/counters";
import { locale, t } from "../i18n";
import { formatNumber } from "../lib/format";
import { formatSlot, groupPoints, type ChartUnit } from "../lib/live";

export default function LiveChart(props: { points: SeriesPoint[]; sms?: boolean }) {
  const [unit, setUnit] = createSignal<ChartUnit>("minute");
  const [ready, setReady] = createSignal(false);
  const [now, setNow] = createSignal(Date.now());
  const grouped = () => groupPoints(props.points, unit(), now());
  const totals = () => grouped().reduce((s, p) => ({ opens: s.opens + p.opens, clicks: s.clicks + p.clicks }), { opens: 0, clicks: 0 });
  let el: HTMLDivElement | undefined;
  let chart: ApexCharts | undefined;

  const series = () => [
    { name: props.sms ? t("smsLive.chart.delivered") : t("live.chart.opens"), data: grouped().map((p) => ({ x: p.x, y: p.opens })) },
    { name: t("live.chart.clicks"), data: grouped().map((p) => ({ x: p.x, y: p.clicks })) },
  ];

  onMount(async () => {
    // The slots move with the clock even when no event arrives.
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    onCleanup(() => clearInterval(tick));
    const { default: Apex } = await import("apexcharts");
    if (!el) return;
    chart = new Apex(el, {
      chart: { type: "line", height: 280, animations: { enabled: false }, toolbar: { show: false }, zoom: { enabled: false }, fontFamily: "inherit" },
      series: series(),
      colors: ["#0072B2", "#D55E00"],
      stroke: { width: [3, 3], dashArray: [0, 6], curve: "straight" },
      markers: { size: 0 },
      grid: { padding: { right: 24 } },
      legend: { position: "top", horizontalAlign: "left" },
      xaxis: { type: "datetime", labels: { formatter: (_v: string, ts?: number) => (ts === undefined ? "" : formatSlot(ts, unit())) }, tooltip: { enabled: false } },
      yaxis: { min: 0, forceNiceScale: true, labels: { formatter: (v: number) => formatNumber(Math.round(v)) } },
      tooltip: { x: { formatter: (v: number) => formatSlot(v, unit()) }, y: { formatter: (v: number) => formatNumber(v) } },
      noData: { text: "" },
    });
    await chart.render();
    setReady(true);
    onCleanup(() => chart?.destroy());
  });

  createEffect(() => {
    const s = series();
    locale();
    if (ready()) void chart?.updateSeries(s, false);
  });

  return (
    <section class="section" aria-labelledby="live-chart">
      <div class="section-head">
        <h3 id="live-chart" class="subsection-title">
          {props.sms ? t("smsLive.chart.title") : t("live.chart.title")}
        </h3>
        <div class="segmented" role="group" aria-label={t("live.chart.unitLabel")}>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={unit() === "minute"} onClick={() => setUnit("minute")}>
            {t("live.chart.minute")}
          </button>
          <button type="button" class="btn btn-secondary btn-small" aria-pressed={unit() === "hour"} onClick={() => setUnit("hour")}>
            {t("live.chart.hour")}
          </button>
        </div>
      </div>
      <div class="card">
        <p class="visually-hidden" data-testid="live-chart-summary">
          {props.sms
            ? t("smsLive.chart.summary", { delivered: formatNumber(totals().opens), clicks: formatNumber(totals().clicks) })
            : t("live.chart.summary", { opens: formatNumber(totals().opens), clicks: formatNumber(totals().clicks) })}
        </p>
        <Show when={!ready()}>
          <p class="muted">{t("live.chart.loading")}</p>
        </Show>
        <div ref={el} class="live-chart" data-testid="live-chart" aria-hidden="true" />
        <p class="muted small">{props.sms ? t("smsLive.chart.note") : t("live.chart.note")}</p>
      </div>
    </section>
  );
}
