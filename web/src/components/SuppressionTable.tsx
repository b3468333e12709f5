/** The suppression list: kind, value, reason, date; "Quitar" for roles that edit contacts. */
import { For, Show } from "solid-js";
import { hasKey, t } from "../i18n";
import type { SuppressionOut } from "../lib/api";
import { formatDateTime } from "../lib/format";

const reasonText = (r: string) => (hasKey(`supp.reason.${r}`) ? t(`supp.reason.${r}` as "supp.reason.erased") : r);

export default function SuppressionTable(props: { items: SuppressionOut[]; canEdit: boolean; onRemove: (s: SuppressionOut) => void }) {
  return (
    <div class="table-wrap table-tall">
      <table class="data" aria-label={t("supp.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("supp.col.kind")}</th>
            <th scope="col">{t("supp.col.value")}</th>
            <th scope="col">{t("supp.col.reason")}</th>
            <th scope="col">{t("supp.col.date")}</th>
            <Show when={props.canEdit}>
              <th scope="col" class="actions-col">{t("supp.col.actions")}</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(s) => (
              <tr data-suppression={`${s.kind}:${s.value}`}>
                <td>{t(`supp.kind.${s.kind}`)}</td>
                <th scope="row" class="cell-strong mono-id">{s.value}</th>
                <td>{reasonText(s.reason)}</td>
                <td class="nowrap">{formatDateTime(s.createdAt)}</td>
                <Show when={props.canEdit}>
                  <td>
                    <div class="row-actions">
                      <button type="button" class="btn btn-secondary btn-small" aria-label={t("supp.removeLabel", { value: s.value })} onClick={() => props.onRemove(s)}>
                        {t("supp.remove")}
                      </button>
                    </div>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
