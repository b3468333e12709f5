/**
 * "Programar exportación", inside its dialog: the request's fields (ExportFields, without a
 * month), how often (cada día, cada lunes, el día 1 de cada mes) and the Lima hour, then
 * "Programar". The new schedule comes back with its next run. A refusal shows next to its field.
 */
import { Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type ExportScheduleOut } from "../lib/api";
import { createExportRequest } from "../lib/export-request";
import { CADENCES, hourOptions, type Cadence } from "../lib/exports";
import ExportFields from "./ExportFields";
import SelectField from "./SelectField";

export default function ExportScheduleForm(props: {
  defaults: { month: string; userId: string };
  scopes: { value: string; label: string }[] | null;
  campaigns: { value: string; label: string }[];
  onCreated: (s: ExportScheduleOut) => void;
  onCancel: () => void;
}) {
  const req = createExportRequest(props.defaults);
  const [cadence, setCadence] = createSignal<Cadence>("monthly");
  const [hour, setHour] = createSignal(6);
  const [busy, setBusy] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    req.setFormError(null);
    if (!req.check()) return;
    setBusy(true);
    try {
      props.onCreated(await api.createExportSchedule({ ...req.body("schedule"), cadence: cadence(), hour: hour() }));
    } catch (err) {
      req.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form export-form" onSubmit={submit} novalidate data-testid="schedule-form">
      <ExportFields req={req} mode="schedule" months={[]} scopes={props.scopes} campaigns={props.campaigns} />
      <div class="form-row">
        <SelectField
          label={t("schedules.form.cadence")}
          name="cadence"
          value={cadence()}
          options={CADENCES.map((c) => ({ value: c, label: t(`schedules.form.cadence.${c}` as MessageKey) }))}
          onChange={(v) => (setCadence(v as Cadence), req.clear("cadence"))}
          error={req.errors().cadence}
        />
        <SelectField label={t("schedules.form.hour")} name="hour" value={String(hour())} options={hourOptions()} onChange={(v) => (setHour(Number(v)), req.clear("hour"))} error={req.errors().hour} />
      </div>
      <Show when={req.formError()}>
        <p class="field-error" role="alert">
          {req.formError()}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("schedules.form.submitting") : t("schedules.form.submit")}
        </button>
      </div>
    </form>
  );
}
