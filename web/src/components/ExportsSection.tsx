/**
 * "Exportaciones" on the Reportes page: the account's exports with "Nueva exportación" (a
 * dialog) and "Eliminar" (confirmed with what goes). While any export is being prepared the list
 * is asked for again every 3 seconds and updated in place (rows keyed by id, so nothing jumps
 * and focus stays put), with a line saying so; it stops once none is pending. The notice of an
 * export asked for here follows it: "se está preparando", then "está lista" or why it failed.
 */
import { Show, createSignal, onCleanup, onMount } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { t } from "../i18n";
import { api, type CreateExportBody, type ExportOut } from "../lib/api";
import { createDeleteFlow } from "../lib/delete-flow";
import { errorText } from "../lib/errors";
import { failureText } from "../lib/exports";
import ExportsTable from "./ExportsTable";
import ExportForm from "./ExportForm";
import Dialog from "./Dialog";
import DeleteDialog from "./DeleteDialog";
import EmptyState from "./EmptyState";
import LoadState from "./LoadState";
import Notice from "./Notice";

const POLL_MS = 3_000;

export default function ExportsSection(props: {
  what: (e: Pick<ExportOut, "kind" | "format" | "params">) => string;
  defaults: { month: string; userId: string };
  months: { value: string; label: string }[];
  scopes: { value: string; label: string }[] | null;
  campaigns: { value: string; label: string }[];
}) {
  const [state, setState] = createStore<{ exports: ExportOut[] }>({ exports: [] });
  const [loaded, setLoaded] = createSignal(false);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [creating, setCreating] = createSignal(false);
  const [notice, setNotice] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  /** The export just asked for here: its notice follows it until it is ready or failed. */
  let watching: string | null = null;
  const pending = () => state.exports.filter((e) => e.status === "pending").length;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  async function refresh() {
    clearTimeout(timer);
    try {
      const { exports } = await api.exports();
      if (disposed) return;
      setState("exports", reconcile(exports, { key: "id" }));
      setLoadError(null);
      setLoaded(true);
      announce();
    } catch (err) {
      if (!disposed) setLoadError(err);
    }
    if (!disposed && pending() > 0) timer = setTimeout(() => void refresh(), POLL_MS);
  }
  onMount(() => void refresh());
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
  });

  /** "«…» está lista" (or why it failed) once the export asked for here is settled. */
  function announce() {
    const row = state.exports.find((x) => x.id === watching);
    if (!row || row.status === "pending") return;
    watching = null;
    if (row.status === "ready") setNotice({ tone: "success", text: t("exports.ready", { what: props.what(row) }) });
    if (row.status === "failed") setNotice({ tone: "error", text: t("exports.failed", { what: props.what(row), reason: failureText(row.error) }) });
  }

  /** A link past its hour: fetch the export again for a fresh signed URL, then go there. */
  async function downloadFresh(e: ExportOut) {
    try {
      const fresh = await api.exportFile(e.id);
      if (fresh.url) window.location.assign(fresh.url);
    } catch (err) {
      setNotice({ tone: "error", text: errorText(err) });
    }
  }

  /** A new export: into the table as "En preparación" (the poll takes it from there). */
  async function created(id: string, body: CreateExportBody) {
    setCreating(false);
    setNotice({ tone: "success", text: t("exports.created", { what: props.what({ kind: body.kind, format: body.format, params: body.params ?? {} }) }) });
    watching = id;
    await refresh();
  }

  const del = createDeleteFlow<ExportOut>({
    remove: (e) => api.deleteExport(e.id),
    onDeleted: (e) => {
      setState("exports", (list) => list.filter((x) => x.id !== e.id));
      setNotice({ tone: "success", text: t("exports.deleted", { what: props.what(e) }) });
    },
  });

  return (
    <section class="section" aria-labelledby="exports-title" data-testid="exports-section">
      <div class="section-head">
        <div>
          <h2 id="exports-title" class="section-title">
            {t("exports.title")}
          </h2>
          <p class="muted small section-hint">{t("exports.hint")}</p>
        </div>
        <button type="button" class="btn btn-secondary" onClick={() => (setNotice(null), setCreating(true))}>
          {t("exports.new")}
        </button>
      </div>
      <Notice tone={notice()?.tone ?? "success"} text={notice()?.text ?? null} onDismiss={() => setNotice(null)} />
      <LoadState loading={!loaded() && !loadError()} error={loaded() ? null : loadError()} onRetry={() => void refresh()} />
      <Show when={loaded()}>
        <Show when={state.exports.length > 0} fallback={<EmptyState body={t("exports.empty")} />}>
          <p class="muted small export-progress" role="status">
            {pending() === 0 ? "" : pending() === 1 ? t("exports.preparingOne") : t("exports.preparing", { count: pending() })}
          </p>
          <ExportsTable exports={state.exports} what={props.what} onDownloadStale={(e) => void downloadFresh(e)} onDelete={del.ask} />
        </Show>
      </Show>
      <Dialog open={creating()} title={t("exports.form.title")} onClose={() => setCreating(false)}>
        <ExportForm
          defaults={props.defaults}
          months={props.months}
          scopes={props.scopes}
          campaigns={props.campaigns}
          onCancel={() => setCreating(false)}
          onCreated={(id, body) => void created(id, body)}
        />
      </Dialog>
      <DeleteDialog
        flow={del}
        title={t("exports.deleteTitle")}
        lines={(e) => [t("exports.deleteSummary", { what: props.what(e) }), t("exports.deleteLinks")]}
        confirmLabel={t("exports.delete")}
        busyLabel={t("exports.deleting")}
      />
    </section>
  );
}
