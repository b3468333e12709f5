/**
 * The contacts that entered an automation, newest first: email or phone (linked to the contact),
 * the run's state, the step it is at, when its next step runs and when it entered (Lima time),
 * keyset paged with "Cargar más". `refresh` changing (the live figures moved) reloads the first page.
 */
import { For, Show, createEffect, on } from "solid-js";
import { A } from "@solidjs/router";
import { t, type MessageKey } from "../i18n";
import { api, type AutomationRun, type AutomationStep } from "../lib/api";
import { stepTypeLabel } from "../lib/automation-words";
import { formatDateTime } from "../lib/format";
import { createPaged } from "../lib/paged";
import LoadMore from "./LoadMore";
import LoadState from "./LoadState";
import EmptyState from "./EmptyState";

const RUN_TONE: Record<AutomationRun["status"], string> = { waiting: "badge-info", done: "badge-ok", exited: "badge-off", failed: "badge-bad" };

export default function AutomationRuns(props: { automationId: string; steps: AutomationStep[]; refresh: number }) {
  const runs = createPaged<AutomationRun>(async (cursor) => {
    const page = await api.automationRuns(props.automationId, cursor);
    return { entries: page.runs, nextCursor: page.next === null ? null : String(page.next) };
  });
  createEffect(on(() => props.refresh, () => void runs.reload()));

  const stepText = (stepId: string | null) => {
    if (!stepId) return "—";
    const i = props.steps.findIndex((s) => s.id === stepId);
    return i < 0 ? "—" : `${i + 1}. ${stepTypeLabel(props.steps[i]!.type)}`;
  };

  return (
    <section class="section" aria-labelledby="au-runs-title">
      <h2 id="au-runs-title" class="section-title">
        {t("au.runs.title")}
      </h2>
      <LoadState loading={runs.loading() && !runs.loaded()} error={runs.error()} onRetry={() => void runs.reload()} />
      <Show when={runs.loaded()}>
        <Show when={runs.items().length > 0} fallback={<EmptyState body={t("au.runs.empty")} />}>
          <div class="table-wrap">
            <table class="data" aria-label={t("au.runs.tableLabel")} data-testid="automation-runs">
              <thead>
                <tr>
                  <th scope="col">{t("au.runs.col.contact")}</th>
                  <th scope="col">{t("au.runs.col.status")}</th>
                  <th scope="col">{t("au.runs.col.step")}</th>
                  <th scope="col">{t("au.runs.col.next")}</th>
                  <th scope="col">{t("au.runs.col.entered")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={runs.items()}>
                  {(r) => (
                    <tr>
                      <td class="cell-contact">
                        <A href={`/contacts/${r.contactId}`}>{r.email ?? r.phone ?? "—"}</A>
                      </td>
                      <td>
                        <span class={`badge ${RUN_TONE[r.status]}`}>{t(`au.run.status.${r.status}` as MessageKey)}</span>
                      </td>
                      <td>{r.status === "waiting" ? stepText(r.stepId) : "—"}</td>
                      <td>{r.nextAt ? formatDateTime(r.nextAt) : "—"}</td>
                      <td>{formatDateTime(r.enteredAt)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <LoadMore hasMore={runs.hasMore()} loading={runs.loading()} onLoad={() => void runs.loadMore()} count={runs.items().length} />
        </Show>
      </Show>
    </section>
  );
}
