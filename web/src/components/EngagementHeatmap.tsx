/**
 * Human opens by Lima weekday (rows lunes…domingo, top to bottom) and hour (24 columns) as an
 * apexcharts heatmap, loaded lazily. One hue (ColorBrewer Blues) in five bands, darker for more,
 * so it reads in every kind of colour vision and in grey; each cell's tooltip gives the number, and a
 * sentence summarises the map for screen readers.
 */
import { Show, createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type ApexCharts from "apexcharts";
import "../styles/live.css";
import { locale, t } from "../i18n";
import { formatNumber } from "../lib/format";
import { heatmapSummary, hourLabel, weekdayLabel } from "../lib/analytics";
import type { HeatmapRow } from "../lib/api";

// ColorBrewer "Blues" (sequential, single hue, colour-blind safe); empty cells a neutral grey.
const BLUES = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
const EMPTY = "#f1f3f5";

/** Five bands by share of the busiest cell (band i holds counts in (max·i/5, max·(i+1)/5]); bands without an integer are left out. */
function colorRanges(rows: HeatmapRow[]) {
  const max = Math.max(1, ...rows.flatMap((r) => r.opens));
  const bands = BLUES.map((color, i) => ({ from: Math.floor((max * i) / BLUES.length) + 1, to: Math.floor((max * (i + 1)) / BLUES.length), color })).filter((b) => b.from <= b.to);
  return [{ from: 0, to: 0, color: EMPTY }, ...bands];
}

export default function EngagementHeatmap(props: { rows: HeatmapRow[]; id: string; title?: string }) {
  const [ready, setReady] = createSignal(false);
  let el: HTMLDivElement | undefined;
  let chart: ApexCharts | undefined;

  // apexcharts draws the first series at the bottom: reverse so that lunes is the top row.
  const series = () =>
    [...props.rows].reverse().map((r) => ({ name: weekdayLabel(r.weekday), data: r.opens.map((n, h) => ({ x: String(h).padStart(2, "0"), y: n })) }));

  onMount(async () => {
    const { default: Apex } = await import("apexcharts");
    if (!el) return;
    chart = new Apex(el, {
      chart: { type: "heatmap", height: 300, animations: { enabled: false }, toolbar: { show: false }, fontFamily: "inherit" },
      series: series(),
      dataLabels: { enabled: false },
      plotOptions: { heatmap: { radius: 2, enableShades: false, colorScale: { ranges: colorRanges(props.rows) } } },
      stroke: { width: 1, colors: ["#ffffff"] },
      legend: { show: false },
      xaxis: { labels: { rotate: 0 }, tooltip: { enabled: false } },
      tooltip: { y: { formatter: (v: number) => `${formatNumber(v)} ${t("analytics.heatmap.opens")}` }, x: { formatter: (v: string | number) => hourLabel(Number(v)) } },
    });
    await chart.render();
    setReady(true);
    onCleanup(() => chart?.destroy());
  });

  createEffect(() => {
    const s = series();
    locale();
    if (ready()) void chart?.updateOptions({ series: s, plotOptions: { heatmap: { colorScale: { ranges: colorRanges(props.rows) } } } }, false, false);
  });

  return (
    <section class="section" aria-labelledby={props.id}>
      <h3 id={props.id} class="subsection-title">
        {props.title ?? t("analytics.heatmap.title")}
      </h3>
      <div class="card">
        <p class="visually-hidden" data-testid="heatmap-summary">
          {heatmapSummary(props.rows)}
        </p>
        <Show when={!ready()}>
          <p class="muted">{t("analytics.loading")}</p>
        </Show>
        <div ref={el} class="live-chart" data-testid="analytics-heatmap" aria-hidden="true" />
        <p class="muted small">{t("analytics.heatmap.legend")}</p>
      </div>
    </section>
  );
}
