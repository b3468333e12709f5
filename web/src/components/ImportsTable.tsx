/** The imports of a list, newest first: file, date, status (in words), row counts and a link to each one. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { ImportOut } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";

const TONE: Record<ImportOut["status"], string> = { ready: "badge-off", queued: "badge-warn", running: "badge-warn", done: "badge-ok", failed: "badge-bad" };

export default function ImportsTable(props: { imports: ImportOut[]; listId: string; canEdit: boolean }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("list.importsLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("list.col.file")}</th>
            <th scope="col">{t("list.col.date")}</th>
            <th scope="col">{t("list.col.status")}</th>
            <th scope="col" class="num">{t("list.col.read")}</th>
            <th scope="col" class="num">{t("list.col.inserted")}</th>
            <th scope="col" class="num">{t("list.col.updated")}</th>
            <th scope="col" class="num">{t("list.col.rejected")}</th>
            <th scope="col" class="actions-col">{t("list.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.imports}>
            {(i) => (
              <tr data-import-file={i.fileName}>
                <th scope="row" class="cell-strong mono-id">{i.fileName}</th>
                <td class="nowrap">{formatDateTime(i.createdAt)}</td>
                <td>
                  <span class={`badge ${TONE[i.status]}`}>{t(`import.status.${i.status}`)}</span>
                </td>
                <td class="num">{formatNumber(i.counts.rowsRead)}</td>
                <td class="num">{formatNumber(i.counts.inserted)}</td>
                <td class="num">{formatNumber(i.counts.updated)}</td>
                <td class="num">{formatNumber(i.counts.rejected)}</td>
                <td>
                  <div class="row-actions">
                    <A class="btn btn-secondary btn-small" href={`/contacts/lists/${props.listId}/import?import=${i.id}`} aria-label={t("list.openImportLabel", { file: i.fileName })}>
                      {i.status === "ready" && props.canEdit ? t("list.continueImport") : t("list.openImport")}
                    </A>
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
