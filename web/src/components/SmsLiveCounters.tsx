/**
 * An SMS campaign's live results, chosen by the campaign page when channel is "sms":
 * KPI cards that update in place (sent, delivered, failed, pending = sent − delivered − failed,
 * unique / total clicks with machine clicks apart, replies), the deliveries-and-clicks chart,
 * clicks per link and the per-operator table. Same socket and protocol as the email campaign's
 * LiveCounters; only what is shown differs.
 */
import { Show } from "solid-js";
import type { LiveCounters as Counters } from "../../../shared/events/types";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import { formatPercent } from "../lib/audience";
import { formatSlot } from "../lib/live";
import { createLiveFeed } from "../lib/live-feed";
import KpiCard from "./KpiCard";
import LiveChart from "./LiveChart";
import LinkClicksTable from "./LinkClicksTable";
import SmsOperatorsTable from "./SmsOperatorsTable";
import "../styles/live.css";

/** `onFrame` hears every frame's count, so the recipients section can refresh with the counters. */
export default function SmsLiveCounters(props: { campaignId: string; onFrame?: (frames: number) => void }) {
  const { counters, points, status, updatedAt, frames } = createLiveFeed(props.campaignId, props.onFrame);

  const rate = (n: number, of: number) => formatPercent(of > 0 ? n / of : 0);
  const pending = (c: Counters) => Math.max(0, c.sent - c.delivered - c.failed);
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
            <div class="kpi-grid kpi-grid-5" role="region" aria-live="polite" aria-label={t("smsLive.regionLabel")} data-testid="live-counters">
              <KpiCard testId="sms-live-sent" label={t("smsLive.sent")} value={formatNumber(c().sent)} detail={t("smsLive.sentDetail")} />
              <KpiCard testId="sms-live-delivered" label={t("smsLive.delivered")} value={formatNumber(c().delivered)} detail={t("smsLive.deliveredRate", { rate: rate(c().delivered, c().sent) })} />
              <KpiCard testId="sms-live-failed" label={t("smsLive.failed")} value={formatNumber(c().failed)} detail={t("smsLive.failedDetail")} />
              <KpiCard testId="sms-live-pending" label={t("smsLive.pending")} value={formatNumber(pending(c()))} detail={t("smsLive.pendingDetail")} />
              <KpiCard
                testId="sms-live-clicks"
                label={t("smsLive.clicks")}
                value={formatNumber(c().clickedUnique)}
                detail={t("smsLive.clicksTotal", { total: formatNumber(c().clicked) })}
                detail2={t("smsLive.machineClicks", { clicks: formatNumber(c().machineClicks) })}
              />
              <KpiCard testId="sms-live-replies" label={t("smsLive.replies")} value={formatNumber(c().replies)} detail={t("smsLive.repliesDetail")} />
            </div>
            <Show when={updatedAt()}>{(at) => <p class="muted small">{t("live.updatedAt", { time: formatSlot(at(), "minute") })}</p>}</Show>
            <SmsOperatorsTable campaignId={props.campaignId} version={frames()} />
            <LiveChart points={points()} sms />
            <LinkClicksTable links={c().links} />
          </>
        )}
      </Show>
    </section>
  );
}
