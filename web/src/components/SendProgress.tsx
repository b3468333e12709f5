/**
 * The send-time indicator (E4): a progress bar sent / total, the current rate per minute, the
 * time elapsed and the time left, with fixed-width numbers so nothing jumps as they change.
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import type { CampaignOut } from "../lib/api";
import { formatNumber } from "../lib/format";
import { formatDuration } from "../lib/email";

/** `held`: send limits hold the campaign back, so its rate says nothing about when it ends. */
export default function SendProgress(props: { campaign: CampaignOut; live: boolean; held?: boolean }) {
  const p = () => props.campaign.progress;
  const pct = () => (p().total > 0 ? Math.min(100, Math.round(((p().sent + p().failed) / p().total) * 100)) : 0);
  return (
    <div class="card send-progress" data-testid="send-progress">
      <div
        class="progress progress-large"
        role="progressbar"
        aria-label={t("camp.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={p().total}
        aria-valuenow={p().sent}
        aria-valuetext={t("camp.progressSent", { sent: formatNumber(p().sent), total: formatNumber(p().total) })}
      >
        <div class="progress-bar" style={{ width: `${pct()}%` }} />
      </div>
      <dl class="facts send-facts">
        <div>
          <dt>{t("camp.progress")}</dt>
          <dd data-testid="progress-count">{t("camp.progressCount", { sent: formatNumber(p().sent), total: formatNumber(p().total) })}</dd>
          <Show when={p().failed > 0}>
            <dd class="muted">{t("camp.progressFailed", { failed: formatNumber(p().failed) })}</dd>
          </Show>
        </div>
        <div>
          <dt>{t("camp.rate")}</dt>
          <dd>{t("camp.ratePerMin", { rate: formatNumber(Math.round(p().perMinute)) })}</dd>
        </div>
        <div>
          <dt>{t("camp.elapsed")}</dt>
          <dd>{formatDuration(p().elapsedMs) || t("camp.d.none")}</dd>
        </div>
        <div>
          <dt>{t("camp.eta")}</dt>
          <dd>{props.campaign.status === "sending" ? (props.held ? t("camp.etaHeld") : p().etaMs === null ? t("camp.etaUnknown") : formatDuration(p().etaMs)) : t("camp.d.none")}</dd>
        </div>
      </dl>
      <Show when={props.live}>
        <p class="muted small">
          <span class="badge badge-info">{t("camp.live")}</span>
        </p>
      </Show>
    </div>
  );
}
