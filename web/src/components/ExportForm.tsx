/**
 * "Nueva exportación", inside its dialog: the request's fields (ExportFields), then "Exportar".
 * The API answers at once with the new export's id (it is produced in the background); the
 * caller adds it to the table as "En preparación". A refusal shows next to its field.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type CreateExportBody } from "../lib/api";
import { createExportRequest } from "../lib/export-request";
import ExportFields from "./ExportFields";

export default function ExportForm(props: {
  defaults: { month: string; userId: string };
  months: { value: string; label: string }[];
  scopes: { value: string; label: string }[] | null;
  campaigns: { value: string; label: string }[];
  onCreated: (id: string, body: CreateExportBody) => void;
  onCancel: () => void;
}) {
  const req = createExportRequest(props.defaults);
  const [busy, setBusy] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    req.setFormError(null);
    if (!req.check()) return;
    setBusy(true);
    const body = req.body("export");
    try {
      const { id } = await api.createExport(body);
      props.onCreated(id, body);
    } catch (err) {
      req.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form export-form" onSubmit={submit} novalidate data-testid="export-form">
      <ExportFields req={req} mode="export" months={props.months} scopes={props.scopes} campaigns={props.campaigns} />
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
          {busy() ? t("exports.form.submitting") : t("exports.form.submit")}
        </button>
      </div>
    </form>
  );
}
