/**
 * An automation's live figures: the totals (inscritos, en curso, completados, con error) as KPI
 * cards, then one row per step (entraron, completados, sí / no for conditions, omitidos,
 * fallidos, esperando ahora, aperturas and clics for email steps). Asks GET /stats every 5 s
 * while the page is visible (and at once when it becomes visible again), updating the numbers in
 * place; `onChange` tells the page when the figures moved, so it can refresh the runs table.
 */
import { Index, Show, createSignal, onCleanup, onMount } from "solid-js";
import { t } from "../i18n";
import { api, type AutomationStats, type AutomationStep } from "../lib/api";
import { describeStep, type Names } from "../lib/automation-words";
import { formatDateTime, formatNumber } from "../lib/format";
import KpiCard from "./KpiCard";
import "../styles/live.css";
import LoadState from "./LoadState";

const POLL_MS = 5_000;

export default function AutomationLive(props: { automationId: string; steps: AutomationStep[]; names: Names; onChange?: () => void }) {
  const [stats, setStats] = createSignal<AutomationStats | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  let busy = false;
  let last = "";

  async function poll() {
    if (busy) return;
    busy = true;
    try {
      const s = await api.automationStats(props.automationId);
      setError(null);
      setStats(s);
      const key = JSON.stringify({ ...s, at: "" });
      if (last && key !== last) props.onChange?.();
      last = key;
    } catch (err) {
      if (!stats()) setError(err);
    } finally {
      busy = false;
    }
  }

  onMount(() => {
    void poll();
    const timer = setInterval(() => {
      if (!document.hidden) void poll();
    }, POLL_MS);
    const visible = () => {
      if (!document.hidden) void poll();
    };
    document.addEventListener("visibilitychange", visible);
    onCleanup(() => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", visible);
    });
  });

  const position = (stepId: string) => props.steps.findIndex((s) => s.id === stepId) + 1;
  const stepOf = (stepId: string) => props.steps.find((s) => s.id === stepId);
  const n = (v: number | null) => (v === null ? "—" : formatNumber(v));

  return (
    <section class="section" aria-labelledby="au-live-title" data-testid="automation-live">
      <div class="au-live-head">
        <h2 id="au-live-title" class="section-title">
          {t("au.stats.stepsTitle")}
        </h2>
        <span class="badge live-badge-open">{t("au.live")}</span>
        <Show when={stats()}>{(s) => <span class="muted small au-updated">{t("au.stats.updated", { time: formatDateTime(s().at) })}</span>}</Show>
      </div>
      <LoadState loading={!stats() && !error()} error={error()} onRetry={() => void poll()} />
      <Show when={stats()}>
        {(s) => (
          <>
            <div class="kpi-grid">
              <KpiCard label={t("au.stats.enrolled")} value={formatNumber(s().enrolled)} detail={t("au.stats.enrolledDetail")} testId="au-enrolled" />
              <KpiCard label={t("au.stats.inProgress")} value={formatNumber(s().inProgress)} detail={t("au.stats.inProgressDetail")} testId="au-in-progress" />
              <KpiCard label={t("au.stats.completed")} value={formatNumber(s().completed)} detail={t("au.stats.completedDetail")} testId="au-completed" />
              <KpiCard label={t("au.stats.failed")} value={formatNumber(s().failed)} detail={t("au.stats.failedDetail", { exited: formatNumber(s().exited) })} testId="au-failed" />
            </div>
            <div class="table-wrap">
              <table class="data automation-stats" aria-label={t("au.stats.tableLabel")} data-testid="automation-step-stats">
                <thead>
                  <tr>
                    <th scope="col">{t("au.stats.col.step")}</th>
                    <th scope="col" class="num">{t("au.stats.col.entered")}</th>
                    <th scope="col" class="num">{t("au.stats.col.done")}</th>
                    <th scope="col" class="num">{t("au.stats.col.yesNo")}</th>
                    <th scope="col" class="num">{t("au.stats.col.skipped")}</th>
                    <th scope="col" class="num">{t("au.stats.col.failed")}</th>
                    <th scope="col" class="num">{t("au.stats.col.waiting")}</th>
                    <th scope="col" class="num">{t("au.stats.col.opened")}</th>
                    <th scope="col" class="num">{t("au.stats.col.clicked")}</th>
                  </tr>
                </thead>
                <tbody>
                  <Index each={s().steps}>
                    {(row) => (
                      <tr data-step={row().stepId}>
                        <th scope="row" class="cell-strong">
                          {position(row().stepId)}. {stepOf(row().stepId) ? describeStep(stepOf(row().stepId)!, props.names, position) : row().type}
                        </th>
                        <td class="num" data-col="entered">{n(row().entered)}</td>
                        <td class="num" data-col="done">{n(row().done)}</td>
                        <td class="num" data-col="yes-no">{row().type === "condition" ? `${formatNumber(row().yes)} / ${formatNumber(row().no)}` : "—"}</td>
                        <td class="num" data-col="skipped">{n(row().skipped)}</td>
                        <td class="num" data-col="failed">{n(row().failed)}</td>
                        <td class="num" data-col="waiting">{n(row().waiting)}</td>
                        <td class="num" data-col="opened">{n(row().opened)}</td>
                        <td class="num" data-col="clicked">{n(row().clicked)}</td>
                      </tr>
                    )}
                  </Index>
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
