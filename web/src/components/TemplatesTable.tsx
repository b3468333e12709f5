/** Saved templates: name (link to its editor), the merge fields it uses, last update. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { TemplateSummary } from "../lib/api";
import { formatDateTime } from "../lib/format";

export default function TemplatesTable(props: { templates: TemplateSummary[] }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("tpl.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("tpl.col.name")}</th>
            <th scope="col">{t("tpl.col.fields")}</th>
            <th scope="col">{t("tpl.col.updated")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.templates}>
            {(tp) => (
              <tr data-template-name={tp.name}>
                <th scope="row" class="cell-strong">
                  <A href={`/templates/${tp.id}`}>{tp.name}</A>
                </th>
                <td>
                  <span class="mono small">{tp.fields.length ? tp.fields.map((f) => `{{${f}}}`).join(" ") : t("tpl.noFields")}</span>
                </td>
                <td class="nowrap">{formatDateTime(tp.updatedAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
