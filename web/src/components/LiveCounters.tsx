/**
 * A campaign's live results (B7): KPI cards that update in place as events arrive (sent, opens
 * and clicks unique / total, machine opens apart, hard / soft bounces, unsubscribes,
 * complaints), the opens-and-clicks chart and clicks per link. One socket per page, opened on
 * mount and closed on cleanup; a badge says whether it is live. The cards' region is
 * aria-live="polite" as a whole, so a screen reader hears changes without every number shouting.
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import { formatPercent } from "../lib/audience";
import { formatSlot } from "../lib/live";
import { createLiveFeed } from "../lib/live-feed";
import KpiCard from "./KpiCard";
import LiveChart from "./LiveChart";
import LinkClicksTable from "./LinkClicksTable";
import "../styles/live.css";

export default function LiveCounters(props: { campaignId: string }) {
  const { counters, points, status, updatedAt } = createLiveFeed(props.campaignId);

  const rate = (n: number, of: number) => formatPercent(of > 0 ? n / of : 0);
  const statusText = () => t(`live.status.${status()}`);

  return (
    <section class="section" aria-labelledby="live-title" data-testid="live">
      <div class="live-head">
        <h2 id="live-title" class="section-title">
          {t("live.title")}
        </h2>
        <span class={`badge ${status() === "open" ? "live-badge-open" : "live-badge-waiting"}`} data-testid="live-status" title={t("live.statusLabel", { status: statusText() })}>
          {statusText()}
        </span>
      </div>
      <Show when={counters()} fallback={<p class="muted">{t("live.waiting")}</p>}>
        {(c) => (
          <>
            <div class="kpi-grid kpi-grid-5" role="region" aria-live="polite" aria-label={t("live.regionLabel")} data-testid="live-counters">
              <KpiCard testId="live-sent" label={t("live.sent")} value={formatNumber(c().sent)} />
              <KpiCard
                testId="live-opens"
                label={t("live.opens")}
                value={formatNumber(c().openedUnique)}
                detail={t("live.opensTotal", { total: formatNumber(c().opened) })}
                detail2={t("live.openRate", { rate: rate(c().openedUnique, c().sent) })}
              />
              <KpiCard
                testId="live-clicks"
                label={t("live.clicks")}
                value={formatNumber(c().clickedUnique)}
                detail={t("live.clicksTotal", { total: formatNumber(c().clicked) })}
                detail2={t("live.clickRate", { rate: rate(c().clickedUnique, c().sent) })}
              />
              <KpiCard testId="live-machine" label={t("live.machine")} value={formatNumber(c().machineOpens)} detail={t("live.machineDetail", { clicks: formatNumber(c().machineClicks) })} detail2={t("live.machineNote")} />
              <KpiCard
                testId="live-bounces"
                label={t("live.bounces")}
                value={`${formatNumber(c().bouncedHard)} / ${formatNumber(c().bouncedSoft)}`}
                detail={t("live.bouncesDetail", { hard: formatNumber(c().bouncedHard), soft: formatNumber(c().bouncedSoft) })}
              />
              <KpiCard testId="live-unsubscribed" label={t("live.unsubscribed")} value={formatNumber(c().unsubscribed)} />
              <KpiCard testId="live-complaints" label={t("live.complaints")} value={formatNumber(c().complaints)} detail={t("live.complaintsDetail")} />
            </div>
            <Show when={updatedAt()}>{(at) => <p class="muted small">{t("live.updatedAt", { time: formatSlot(at(), "minute") })}</p>}</Show>
            <LiveChart points={points()} />
            <LinkClicksTable links={c().links} />
          </>
        )}
      </Show>
    </section>
  );
}
