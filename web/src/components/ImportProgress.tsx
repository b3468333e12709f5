/**
 * Step 4 of the import: a progress bar with its percentage and the rows read so far, polled
 * every second from GET /imports/:id until the import is done or failed. Never a bare spinner:
 * even "en cola" says what is happening.
 */
import { Show, onCleanup, onMount } from "solid-js";
import { t } from "../i18n";
import { api, type ImportOut } from "../lib/api";
import { formatPercent } from "../lib/audience";
import { formatNumber } from "../lib/format";

export default function ImportProgress(props: { imp: ImportOut; onUpdate: (imp: ImportOut) => void }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  async function poll() {
    try {
      const next = await api.getImport(props.imp.id);
      if (stopped) return;
      props.onUpdate(next);
      if (next.status === "done" || next.status === "failed") return;
    } catch {
      /* a missed poll is retried on the next tick */
    }
    if (!stopped) timer = setTimeout(() => void poll(), 1000);
  }
  onMount(() => (timer = setTimeout(() => void poll(), 1000)));
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
  });
  const pct = () => Math.round(props.imp.progress * 100);
  return (
    <div class="wizard-panel progress-panel">
      <div
        class="progress progress-large"
        role="progressbar"
        aria-label={t("wizard.progressLabel")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct()}
        aria-valuetext={formatPercent(props.imp.progress, 0)}
      >
        <div class="progress-bar" style={{ width: `${pct()}%` }} />
      </div>
      <div role="status" aria-live="polite" data-testid="import-progress">
        <Show when={props.imp.status === "running"} fallback={<p class="cell-strong">{t("wizard.queued")}</p>}>
          <p class="cell-strong">{t("wizard.running", { file: props.imp.fileName, percent: formatPercent(props.imp.progress, 0) })}</p>
        </Show>
        <p>{t("wizard.rowsSoFar", { rows: formatNumber(props.imp.counts.rowsRead) })}</p>
      </div>
      <p class="hint">{t("wizard.leaveOk")}</p>
    </div>
  );
}
