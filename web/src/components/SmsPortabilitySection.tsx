/**
 * "Portabilidad" of Configuración → SMS: how many numbers have a known operator (and per
 * operator), and, for those who manage the account, uploading a "number,operator" CSV with its
 * result: how many were imported and which lines were rejected and why.
 */
import { For, Show, createSignal, createUniqueId } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type PortabilityImportOut } from "../lib/api";
import { formatPercent } from "../lib/audience";
import { errorText } from "../lib/errors";
import { formatNumber } from "../lib/format";
import { createLoader } from "../lib/load";
import { operatorsText, portabilityReason } from "../lib/sms-connections";

const SHOWN_REJECTS = 50;

function reasonText(reason: string): string {
  const r = portabilityReason(reason);
  return t(`sms.port.reason.${r.kind}` as MessageKey, { detail: r.detail });
}

export default function SmsPortabilitySection(props: { canEdit: boolean }) {
  const id = `port-${createUniqueId()}`;
  const summary = createLoader(() => api.portability());
  const [file, setFile] = createSignal<File | null>(null);
  const [progress, setProgress] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<PortabilityImportOut | null>(null);
  const operators = () =>
    Object.entries(summary.data()?.byOperator ?? {})
      .sort((a, b) => b[1] - a[1])
      .map(([op, n]) => `${operatorsText([op], op, t("sms.conn.otherOperator"))}: ${formatNumber(n)}`)
      .join(" · ");

  async function upload(e: Event) {
    e.preventDefault();
    const f = file();
    setResult(null);
    if (!f) return setError(t("sms.port.chooseFile"));
    setError(null);
    setProgress(0);
    try {
      setResult(await api.uploadPortability(f, setProgress));
      void summary.reload();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setProgress(null);
    }
  }

  return (
    <section class="card section" aria-labelledby="sms-port-title" data-testid="sms-portability">
      <h2 id="sms-port-title" class="card-title">
        {t("sms.port.title")}
      </h2>
      <p class="muted small">{t("sms.port.hint")}</p>
      <Show when={summary.data()}>
        {(s) => (
          <p class="sms-block" data-testid="sms-port-count">
            {s().count > 0 ? t("sms.port.count", { count: formatNumber(s().count) }) : t("sms.port.none")}
            <Show when={s().count > 0}>
              <span class="muted small"> {operators()}</span>
            </Show>
          </p>
        )}
      </Show>
      <Show when={props.canEdit}>
        <form class="form sms-block" onSubmit={(e) => void upload(e)} noValidate>
          <div class="field" classList={{ "has-error": !!error() }}>
            <label for={id}>{t("sms.port.file")}</label>
            <div class="sms-file-row">
              <input
                id={id}
                class="file-input"
                type="file"
                name="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-describedby={error() ? `${id}-error` : undefined}
                onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setError(null))}
              />
              <label for={id} class="btn btn-secondary file-button" aria-hidden="true">
                {t("wizard.choose")}
              </label>
              <span class="small">{file()?.name ?? t("wizard.noFile")}</span>
            </div>
            <Show when={error()}>
              <p class="field-error" id={`${id}-error`}>
                {error()}
              </p>
            </Show>
          </div>
          <div class="form-actions">
            <button type="submit" class="btn btn-secondary" disabled={progress() !== null}>
              {progress() === null ? t("sms.port.upload") : t("sms.port.uploading", { percent: formatPercent(progress()!, 0) })}
            </button>
          </div>
        </form>
      </Show>
      <Show when={result()}>
        {(r) => (
          <div class="sms-block" role="status" data-testid="sms-port-result">
            <p class="form-ok">{t("sms.port.result", { imported: formatNumber(r().imported), rejected: formatNumber(r().rejectedTotal) })}</p>
            <Show when={r().rejected.length > 0}>
              <h3 class="subsection-title">{t("sms.port.rejectedTitle")}</h3>
              <ul class="plain-list small sms-rejected">
                <For each={r().rejected.slice(0, SHOWN_REJECTS)}>{(x) => <li>{t("sms.port.line", { line: formatNumber(x.line), reason: reasonText(x.reason) })}</li>}</For>
                <Show when={r().rejectedTotal > SHOWN_REJECTS}>
                  <li>{t("sms.port.moreRejected", { n: formatNumber(r().rejectedTotal - SHOWN_REJECTS) })}</li>
                </Show>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
