/**
 * "Exportaciones programadas" on the Reportes page: the schedules with their cadence and next
 * run in Lima time, "Programar exportación" (a dialog) and "Eliminar" (confirmed, saying that
 * the exports already made stay). A new schedule joins the table with the next run the server
 * computed.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type ExportScheduleOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { createDeleteFlow } from "../lib/delete-flow";
import { formatDateTime } from "../lib/format";
import { cadenceText } from "../lib/exports";
import ExportSchedulesTable from "./ExportSchedulesTable";
import ExportScheduleForm from "./ExportScheduleForm";
import Dialog from "./Dialog";
import DeleteDialog from "./DeleteDialog";
import EmptyState from "./EmptyState";
import LoadState from "./LoadState";
import Notice from "./Notice";

export default function ExportSchedulesSection(props: {
  what: (s: ExportScheduleOut) => string;
  defaults: { month: string; userId: string };
  scopes: { value: string; label: string }[] | null;
  campaigns: { value: string; label: string }[];
}) {
  const schedules = createLoader(() => api.exportSchedules());
  const [creating, setCreating] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const list = () => schedules.data()?.schedules ?? [];

  function created(s: ExportScheduleOut) {
    setCreating(false);
    schedules.setData({ schedules: [...list(), s] });
    setNotice(t("schedules.created", { what: props.what(s), cadence: cadenceText(s), next: formatDateTime(s.nextRunAt) }));
  }

  const del = createDeleteFlow<ExportScheduleOut>({
    remove: (s) => api.deleteExportSchedule(s.id),
    onDeleted: (s) => {
      schedules.setData({ schedules: list().filter((x) => x.id !== s.id) });
      setNotice(t("schedules.deleted", { what: props.what(s) }));
    },
  });

  return (
    <section class="section" aria-labelledby="schedules-title" data-testid="schedules-section">
      <div class="section-head">
        <div>
          <h2 id="schedules-title" class="section-title">
            {t("schedules.title")}
          </h2>
          <p class="muted small section-hint">{t("schedules.hint")}</p>
        </div>
        <button type="button" class="btn btn-secondary" onClick={() => (setNotice(null), setCreating(true))}>
          {t("schedules.new")}
        </button>
      </div>
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={schedules.loading()} error={schedules.error()} onRetry={() => void schedules.reload()} />
      <Show when={schedules.data()}>
        <Show when={list().length > 0} fallback={<EmptyState body={t("schedules.empty")} />}>
          <ExportSchedulesTable schedules={list()} what={props.what} onDelete={del.ask} />
        </Show>
      </Show>
      <Dialog open={creating()} title={t("schedules.form.title")} onClose={() => setCreating(false)}>
        <ExportScheduleForm defaults={props.defaults} scopes={props.scopes} campaigns={props.campaigns} onCancel={() => setCreating(false)} onCreated={created} />
      </Dialog>
      <DeleteDialog
        flow={del}
        title={t("schedules.deleteTitle")}
        lines={(s) => [t("schedules.deleteSummary", { what: props.what(s), cadence: cadenceText(s) }), t("schedules.deleteKeep")]}
        confirmLabel={t("schedules.delete")}
        busyLabel={t("schedules.deleting")}
      />
    </section>
  );
}
