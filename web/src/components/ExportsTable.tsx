/**
 * The account's exports, newest first: what each holds (and whether a schedule made it), its
 * status as a badge with words (a failure says why), size and data rows as right-aligned
 * numbers, when it was made and when its file goes (Lima time), then "Descargar" once ready and
 * "Eliminar". A signed link lasts an hour: clicking one that has run out asks for a fresh one
 * first. On a phone each row becomes a card whose cells carry their column's name.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { ExportOut } from "../lib/api";
import { formatBytes } from "../lib/audience";
import { formatDateTime, formatNumber } from "../lib/format";
import { exportBadge, failureText, linkStale } from "../lib/exports";

export default function ExportsTable(props: { exports: ExportOut[]; what: (e: ExportOut) => string; onDownloadStale: (e: ExportOut) => void; onDelete: (e: ExportOut) => void }) {
  const none = t("common.none");
  return (
    <div class="table-wrap stack-phone-wrap">
      <table class="data stack-phone export-table" aria-label={t("exports.tableLabel")} data-testid="exports-table">
        <thead>
          <tr>
            <th scope="col">{t("exports.col.what")}</th>
            <th scope="col">{t("exports.col.status")}</th>
            <th scope="col" class="num">
              {t("exports.col.size")}
            </th>
            <th scope="col" class="num">
              {t("exports.col.rows")}
            </th>
            <th scope="col">{t("exports.col.created")}</th>
            <th scope="col">{t("exports.col.expires")}</th>
            <th scope="col" class="actions-col">
              <span class="visually-hidden">{t("exports.col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.exports}>
            {(e) => (
              <tr data-export-id={e.id} data-status={e.status}>
                <th scope="row" class="cell-strong">
                  {props.what(e)}
                  <Show when={e.scheduleId}>
                    <span class="cell-sub">{t("exports.scheduled")}</span>
                  </Show>
                </th>
                <td data-label={t("exports.col.status")} class="export-status">
                  <span class={`badge ${exportBadge(e.status).tone}`}>{exportBadge(e.status).text}</span>
                  <Show when={e.status === "failed" && e.error}>
                    <span class="cell-sub">{failureText(e.error)}</span>
                  </Show>
                </td>
                <td data-label={t("exports.col.size")} class="num">
                  {e.bytes === null ? none : formatBytes(e.bytes)}
                </td>
                <td data-label={t("exports.col.rows")} class="num">
                  {e.rows === null ? none : formatNumber(e.rows)}
                </td>
                <td data-label={t("exports.col.created")} class="nowrap">
                  {formatDateTime(e.createdAt)}
                </td>
                <td data-label={t("exports.col.expires")} class="nowrap">
                  {formatDateTime(e.expiresAt)}
                </td>
                <td class="export-actions">
                  <div class="row-actions">
                    <Show when={e.status === "ready" && e.url}>
                      <a
                        class="btn btn-secondary btn-small"
                        href={e.url!}
                        download=""
                        aria-label={t("exports.downloadLabel", { what: props.what(e) })}
                        data-testid="export-download"
                        onClick={(ev) => {
                          if (!linkStale(e, Date.now())) return;
                          ev.preventDefault();
                          props.onDownloadStale(e);
                        }}
                      >
                        {t("exports.download")}
                      </a>
                    </Show>
                    <button type="button" class="btn btn-danger-outline btn-small" aria-label={t("exports.deleteLabel", { what: props.what(e) })} onClick={() => props.onDelete(e)}>
                      {t("exports.delete")}
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
