/**
 * Reportes: the monthly consumption report (R1) for a Lima month, of the whole account or (for
 * owner and admin) one sub-user — KPI cards, the campaigns of the month, the mailbox-provider
 * split, the peak open hours with the account's heatmap, and the credit movements and bags;
 * the same report downloads as PDF (the page's primary action) or CSV. Other roles see their
 * own sub-user report. Below, the exports and scheduled exports (ReportExports).
 */
import { Show, createSignal } from "solid-js";
import { locale, t } from "../i18n";
import { api, monthlyReportUrl } from "../lib/api";
import { createLoader } from "../lib/load";
import { can, me } from "../lib/session";
import { formatDateTime } from "../lib/format";
import { hasActivity, limaMonth, monthName, monthOptions, peaksText } from "../lib/reports";
import PageHeader from "../components/PageHeader";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import NoAccess from "../components/NoAccess";
import SelectField from "../components/SelectField";
import ReportKpis from "../components/ReportKpis";
import ReportCampaignsTable from "../components/ReportCampaignsTable";
import ReportProviders from "../components/ReportProviders";
import ReportCreditsTable from "../components/ReportCreditsTable";
import BagsTable from "../components/BagsTable";
import EngagementHeatmap from "../components/EngagementHeatmap";
import ReportExports from "../components/ReportExports";
import "../styles/reports.css";

export default function ReportsPage() {
  const now = Date.now();
  const [month, setMonth] = createSignal(limaMonth(now));
  const [userId, setUserId] = createSignal("");
  const wholeAccount = () => can("users.read");
  const report = createLoader(() => api.monthlyReport(month(), userId() || null), can("campaigns.read"));
  const users = createLoader(() => api.listUsers(), wholeAccount());
  const engagement = createLoader(() => api.engagement(), can("campaigns.read"));
  const reload = () => void report.reload();

  const holderName = (holder: string) => {
    if (holder === "main") return t("credits.main");
    const u = users.data()?.users.find((x) => x.id === holder) ?? (me()?.user.id === holder ? me()!.user : undefined);
    return u ? u.name : t("credits.unknownUser", { id: holder.slice(0, 8) });
  };
  const scopeOptions = () => [{ value: "", label: t("reports.scopeAccount") }, ...(users.data()?.users ?? []).filter((u) => u.role !== "owner").map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))];
  const fileUrl = (format: "csv" | "pdf") => monthlyReportUrl(format, month(), userId() || null, locale() === "en" ? "en" : "es");

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("reports.title")}
        subtitle={t("reports.subtitle")}
        action={
          <a class="btn btn-primary" href={fileUrl("pdf")} download="" data-testid="report-pdf">
            {t("reports.downloadPdf")}
          </a>
        }
      />
      <div class="report-controls">
        <SelectField label={t("reports.month")} value={month()} options={monthOptions(now)} onChange={(v) => (setMonth(v), reload())} id="report-month" />
        <Show when={wholeAccount()}>
          <SelectField label={t("reports.scope")} value={userId()} options={scopeOptions()} onChange={(v) => (setUserId(v), reload())} hint={t("reports.scopeHint")} id="report-scope" />
        </Show>
        <a class="btn btn-secondary" href={fileUrl("csv")} download="" data-testid="report-csv">
          {t("reports.downloadCsv")}
        </a>
      </div>
      <LoadState loading={report.loading()} error={report.error()} onRetry={reload} />
      <Show when={!report.loading() && report.data()}>
        {(r) => (
          <>
            <Show when={hasActivity(r())} fallback={<EmptyState body={t("reports.empty", { month: monthName(r().month) })} />}>
              <ReportKpis totals={r().totals} />
              <section class="section" aria-labelledby="report-campaigns-title">
                <h2 id="report-campaigns-title" class="section-title">
                  {t("reports.campaigns")}
                </h2>
                <ReportCampaignsTable campaigns={r().campaigns} />
              </section>
              <ReportProviders providers={r().providers} />
            </Show>
            <section class="section" aria-labelledby="report-peaks">
              <h2 id="report-peaks" class="section-title">
                {t("reports.peaks")}
              </h2>
              <Show when={r().peakHours.length > 0}>
                <p data-testid="report-peak-hours">{t("reports.peaksMonth", { hours: peaksText(r().peakHours) })}</p>
              </Show>
              <Show when={engagement.data()}>{(e) => <EngagementHeatmap rows={e().heatmap} id="report-heatmap" title={t("reports.peaksAll")} />}</Show>
            </section>
            <section class="section" aria-labelledby="report-credits-title">
              <h2 id="report-credits-title" class="section-title">
                {t("reports.credits")}
              </h2>
              <p class="muted small">{t("reports.creditsNote")}</p>
              <ReportCreditsTable credits={r().credits} holderName={holderName} />
            </section>
            <Show when={r().bags.length > 0}>
              <section class="section" aria-labelledby="report-bags">
                <h2 id="report-bags" class="section-title">
                  {t("reports.bags")}
                </h2>
                <BagsTable bags={r().bags} />
              </section>
            </Show>
            <p class="muted small">{t("reports.generated", { at: formatDateTime(r().generatedAt) })}</p>
          </>
        )}
      </Show>
      <ReportExports month={month()} userId={userId()} users={users.data()?.users ?? []} />
    </Show>
  );
}
