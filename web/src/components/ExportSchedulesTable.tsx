/**
 * Scheduled exports: what each makes, how often ("cada lunes a las 06:00 (hora de Lima)"), its
 * next and last run in Lima time, and "Eliminar". On a phone each row becomes a card whose
 * cells carry their column's name.
 */
import { For } from "solid-js";
import { t } from "../i18n";
import type { ExportScheduleOut } from "../lib/api";
import { formatDateTime } from "../lib/format";
import { cadenceText } from "../lib/exports";

export default function ExportSchedulesTable(props: { schedules: ExportScheduleOut[]; what: (s: ExportScheduleOut) => string; onDelete: (s: ExportScheduleOut) => void }) {
  return (
    <div class="table-wrap stack-phone-wrap">
      <table class="data stack-phone schedule-table" aria-label={t("schedules.tableLabel")} data-testid="schedules-table">
        <thead>
          <tr>
            <th scope="col">{t("schedules.col.what")}</th>
            <th scope="col">{t("schedules.col.cadence")}</th>
            <th scope="col">{t("schedules.col.next")}</th>
            <th scope="col">{t("schedules.col.last")}</th>
            <th scope="col" class="actions-col">
              <span class="visually-hidden">{t("schedules.col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.schedules}>
            {(s) => (
              <tr data-schedule-id={s.id}>
                <th scope="row" class="cell-strong">
                  {props.what(s)}
                </th>
                <td data-label={t("schedules.col.cadence")} class="schedule-cadence">
                  {cadenceText(s)}
                </td>
                <td data-label={t("schedules.col.next")} class="nowrap" data-testid="schedule-next">
                  {formatDateTime(s.nextRunAt)}
                </td>
                <td data-label={t("schedules.col.last")} class="nowrap">
                  {s.lastRunAt ? formatDateTime(s.lastRunAt) : t("common.never")}
                </td>
                <td class="export-actions">
                  <div class="row-actions">
                    <button type="button" class="btn btn-danger-outline btn-small" aria-label={t("schedules.deleteLabel", { what: props.what(s) })} onClick={() => props.onDelete(s)}>
                      {t("schedules.delete")}
                    </button>
                  </div>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
