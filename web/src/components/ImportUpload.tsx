/**
 * Step 1 of the import: choose a file (input or drag and drop). A spreadsheet (XLSX) is turned
 * into CSV here, in the browser, before it leaves (lib/xlsx.ts, loaded only then); the file is
 * uploaded with `start=false` so the import waits at the mapping step. The server's refusal
 * (empty file, header only, not a CSV) is shown next to the field, with upload progress before.
 */
import { Show, createSignal, createUniqueId } from "solid-js";
import { t } from "../i18n";
import { api, type ImportOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { formatBytes, formatPercent } from "../lib/audience";
import { formatNumber } from "../lib/format";
import { isLegacyXls, isXlsx, xlsxToCsv } from "../lib/xlsx";

export default function ImportUpload(props: { listId: string; onUploaded: (imp: ImportOut) => void }) {
  const id = `upload-${createUniqueId()}`;
  const [file, setFile] = createSignal<File | null>(null);
  const [note, setNote] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [phase, setPhase] = createSignal<"idle" | "converting" | "uploading">("idle");
  const [progress, setProgress] = createSignal(0);
  const [over, setOver] = createSignal(false);
  let input: HTMLInputElement | undefined;

  async function choose(chosen: File | null | undefined) {
    setError(null);
    setNote(null);
    setFile(null);
    if (!chosen) return;
    if (isLegacyXls(chosen)) {
      setError(t("wizard.xlsxOld"));
      return;
    }
    if (await isXlsx(chosen)) {
      setPhase("converting");
      try {
        const converted = await xlsxToCsv(chosen);
        if (converted.rows === 0) {
          setError(t("wizard.xlsxEmpty"));
          return;
        }
        setFile(converted.file);
        setNote(t("wizard.converted", { name: chosen.name, rows: formatNumber(converted.rows) }));
      } catch (err) {
        const code = (err as { code?: string }).code;
        setError(code === "XLS_FILE_NOT_SUPPORTED" ? t("wizard.xlsxOld") : t("wizard.xlsxFailed", { message: err instanceof Error ? err.message : String(err) }));
      } finally {
        setPhase("idle");
      }
      return;
    }
    setFile(chosen);
  }

  async function upload(e: Event) {
    e.preventDefault();
    const f = file();
    if (!f) {
      setError(t("wizard.needFile"));
      input?.focus();
      return;
    }
    setError(null);
    setPhase("uploading");
    setProgress(0);
    try {
      const res = await api.uploadImport(props.listId, f, setProgress);
      props.onUploaded(res.import);
    } catch (err) {
      setError(errorText(err));
      input?.focus();
    } finally {
      setPhase("idle");
    }
  }

  return (
    <form class="form wizard-panel" onSubmit={upload} novalidate>
      <div class="field" classList={{ "has-error": !!error() }}>
        <label for={id}>{t("wizard.file")}</label>
        <p class="hint" id={`${id}-hint`}>
          {t("wizard.fileHint")}
        </p>
        <div
          class="dropzone"
          classList={{ over: over() }}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void choose(e.dataTransfer?.files[0]);
          }}
        >
          <p aria-hidden="true">{over() ? t("wizard.dropActive") : t("wizard.drop")}</p>
          <input
            ref={input}
            id={id}
            class="file-input"
            name="file"
            type="file"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={[`${id}-hint`, error() ? `${id}-error` : "", file() ? `${id}-chosen` : ""].filter(Boolean).join(" ")}
            aria-invalid={error() ? "true" : undefined}
            onChange={(e) => void choose(e.currentTarget.files?.[0])}
          />
          {/* The native button speaks the browser's language; this one speaks the dashboard's. */}
          <label for={id} class="btn btn-secondary file-button" aria-hidden="true">
            {t("wizard.choose")}
          </label>
          <p class="small">{file() ? file()!.name : t("wizard.noFile")}</p>
        </div>
        <Show when={file()}>
          {(f) => (
            <p class="form-ok small" id={`${id}-chosen`} data-testid="chosen-file">
              {t("wizard.chosen", { name: f().name, size: formatBytes(f().size) })}
            </p>
          )}
        </Show>
        <Show when={note()}>
          <p class="hint">{note()}</p>
        </Show>
        <Show when={error()}>
          <p class="field-error" id={`${id}-error`} data-testid="file-error">
            {error()}
          </p>
        </Show>
      </div>
      <Show when={phase() !== "idle"}>
        <div class="progress-block" role="status">
          <Show when={phase() === "uploading"} fallback={<p>{t("wizard.converting")}</p>}>
            <div class="progress" aria-hidden="true">
              <div class="progress-bar" style={{ width: `${Math.round(progress() * 100)}%` }} />
            </div>
            <p>{t("wizard.uploading", { percent: formatPercent(progress(), 0) })}</p>
          </Show>
        </div>
      </Show>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={phase() !== "idle"}>
          {t("wizard.upload")}
        </button>
      </div>
    </form>
  );
}
