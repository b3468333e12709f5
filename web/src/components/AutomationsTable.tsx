/**
 * The account's automations: name (linking to its page), state, the trigger in words, how many
 * steps, how many contacts entered and how many are in progress (numbers right-aligned, es-PE).
 */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { AutomationSummary } from "../lib/api";
import { describeTrigger, type Names } from "../lib/automation-words";
import { formatNumber } from "../lib/format";
import AutomationStatusBadge from "./AutomationStatusBadge";

export default function AutomationsTable(props: { automations: AutomationSummary[]; names: Names }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("au.tableLabel")} data-testid="automations-table">
        <thead>
          <tr>
            <th scope="col">{t("au.col.name")}</th>
            <th scope="col">{t("au.col.status")}</th>
            <th scope="col">{t("au.col.trigger")}</th>
            <th scope="col" class="num">{t("au.col.steps")}</th>
            <th scope="col" class="num">{t("au.col.enrolled")}</th>
            <th scope="col" class="num">{t("au.col.inProgress")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.automations}>
            {(a) => (
              <tr>
                <td class="cell-strong">
                  <A href={`/automations/${a.id}`}>{a.name}</A>
                </td>
                <td>
                  <AutomationStatusBadge status={a.status} />
                </td>
                <td class="cell-normal">{describeTrigger(a.trigger, props.names)}</td>
                <td class="num">{formatNumber(a.steps.length)}</td>
                <td class="num">{formatNumber(a.enrolled)}</td>
                <td class="num">{formatNumber(a.inProgress)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
