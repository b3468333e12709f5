/** The month at a glance (R1 b, d, e): KPI cards over the report's totals, and the machine-opens note. */
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import { rateText } from "../lib/reports";
import type { MonthlyCounts } from "../lib/api";
import KpiCard from "./KpiCard";

export default function ReportKpis(props: { totals: MonthlyCounts }) {
  const n = () => props.totals;
  return (
    <section class="section" aria-labelledby="report-summary">
      <h2 id="report-summary" class="section-title">
        {t("reports.summary")}
      </h2>
      <div class="kpi-grid" data-testid="report-kpis">
        <KpiCard testId="kpi-sent" label={t("reports.kpi.sent")} value={formatNumber(n().sent)} />
        <KpiCard testId="kpi-delivered" label={t("reports.kpi.delivered")} value={formatNumber(n().delivered)} detail={t("reports.kpi.deliveredDetail", { rate: rateText(n().deliveredRate) })} />
        <KpiCard
          testId="kpi-opens"
          label={t("reports.kpi.opens")}
          value={formatNumber(n().uniqueOpens)}
          detail={t("reports.kpi.opensDetail", { rate: rateText(n().openRate) })}
          detail2={t("reports.kpi.opensDetail2", { total: formatNumber(n().opens), rate: rateText(n().reopenRate) })}
        />
        <KpiCard testId="kpi-not-opened" label={t("reports.kpi.notOpened")} value={formatNumber(n().notOpened)} />
        <KpiCard testId="kpi-clicks" label={t("reports.kpi.clicks")} value={formatNumber(n().uniqueClicks)} detail={t("reports.kpi.clicksDetail", { total: formatNumber(n().clicks), rate: rateText(n().clickRate) })} />
        <KpiCard testId="kpi-bounced" label={t("reports.kpi.bounced")} value={formatNumber(n().bounced)} detail={t("reports.kpi.bouncedDetail", { hard: formatNumber(n().hardBounces), soft: formatNumber(n().softBounces) })} />
        <KpiCard testId="kpi-unsubscribed" label={t("reports.kpi.unsubscribed")} value={formatNumber(n().unsubscribed)} detail={t("reports.kpi.unsubscribedDetail", { complaints: formatNumber(n().complaints) })} />
      </div>
      <p class="muted small">{t("reports.machineNote", { opens: formatNumber(n().machineOpens), clicks: formatNumber(n().machineClicks) })}</p>
    </section>
  );
}
