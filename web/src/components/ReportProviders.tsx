/**
 * R1 c): sent, unique opens, bounces and unsubscribes per mailbox provider (Gmail, Outlook /
 * Hotmail / Live, Yahoo, corporate and others) as apexcharts grouped bars (loaded lazily) over a
 * table with the same numbers and the rates, so nothing rests on colour alone; a sentence
 * states the figures for screen readers.
 */
import { For, Show, createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type ApexCharts from "apexcharts";
import "../styles/live.css";
import { locale, t } from "../i18n";
import { formatNumber } from "../lib/format";
import { providerLabel, rateText } from "../lib/reports";
import type { MonthlyReport } from "../lib/api";

type Providers = MonthlyReport["providers"];
// Okabe–Ito: blue, bluish green, vermillion, reddish purple.
const COLORS = ["#0072B2", "#009E73", "#D55E00", "#CC79A7"];

export default function ReportProviders(props: { providers: Providers }) {
  const [ready, setReady] = createSignal(false);
  let el: HTMLDivElement | undefined;
  let chart: ApexCharts | undefined;
  const series = () => [
    { name: t("reports.col.sent"), data: props.providers.map((p) => p.sent) },
    { name: t("reports.col.uniqueOpens"), data: props.providers.map((p) => p.uniqueOpens) },
    { name: t("reports.col.bounced"), data: props.providers.map((p) => p.bounced) },
    { name: t("reports.col.unsubscribed"), data: props.providers.map((p) => p.unsubscribed) },
  ];
  const categories = () => props.providers.map((p) => providerLabel(p.provider));
  const summary = () =>
    t("reports.providersSummary", {
      items: props.providers
        .map((p) => t("reports.providerItem", { provider: providerLabel(p.provider), sent: formatNumber(p.sent), opens: formatNumber(p.uniqueOpens), bounced: formatNumber(p.bounced), unsubscribed: formatNumber(p.unsubscribed) }))
        .join("; "),
    });

  onMount(async () => {
    const { default: Apex } = await import("apexcharts");
    if (!el) return;
    chart = new Apex(el, {
      chart: { type: "bar", height: 280, animations: { enabled: false }, toolbar: { show: false }, fontFamily: "inherit" },
      series: series(),
      colors: COLORS,
      plotOptions: { bar: { columnWidth: "70%" } },
      dataLabels: { enabled: false },
      legend: { position: "top", horizontalAlign: "left" },
      xaxis: { categories: categories() },
      yaxis: { min: 0, forceNiceScale: true, labels: { formatter: (v: number) => formatNumber(Math.round(v)) } },
      tooltip: { y: { formatter: (v: number) => formatNumber(v) } },
    });
    await chart.render();
    setReady(true);
    onCleanup(() => chart?.destroy());
  });

  createEffect(() => {
    const s = series();
    const c = categories();
    locale();
    if (ready()) void chart?.updateOptions({ series: s, xaxis: { categories: c } }, false, false);
  });

  return (
    <section class="section" aria-labelledby="report-providers">
      <h2 id="report-providers" class="section-title">
        {t("reports.providers")}
      </h2>
      <div class="card">
        <p class="visually-hidden">{summary()}</p>
        <Show when={!ready()}>
          <p class="muted">{t("analytics.loading")}</p>
        </Show>
        <div ref={el} class="live-chart" aria-hidden="true" data-testid="providers-chart" />
      </div>
      <div class="table-wrap">
        <table class="data" aria-label={t("reports.providersLabel")} data-testid="report-providers">
          <thead>
            <tr>
              <th scope="col">{t("reports.col.provider")}</th>
              <th scope="col" class="num">{t("reports.col.sent")}</th>
              <th scope="col" class="num">{t("reports.col.deliveredRate")}</th>
              <th scope="col" class="num">{t("reports.col.uniqueOpens")}</th>
              <th scope="col" class="num">{t("reports.col.openRate")}</th>
              <th scope="col" class="num">{t("reports.col.bounced")}</th>
              <th scope="col" class="num">{t("reports.col.unsubscribed")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.providers}>
              {(p) => (
                <tr>
                  <td class="cell-strong">{providerLabel(p.provider)}</td>
                  <td class="num">{formatNumber(p.sent)}</td>
                  <td class="num">{rateText(p.deliveredRate)}</td>
                  <td class="num">{formatNumber(p.uniqueOpens)}</td>
                  <td class="num">{rateText(p.openRate)}</td>
                  <td class="num">{formatNumber(p.bounced)}</td>
                  <td class="num">{formatNumber(p.unsubscribed)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
