/**
 * Step 5 of the import: what happened to the file's rows (leídas, nuevas, actualizadas, sin
 * cambios, rechazadas), the verification of the imported contacts (válidos / riesgosos /
 * inválidos) and "Descargar filas rechazadas (CSV)" with each rejected line and its reason.
 */
import { For, Show } from "solid-js";
import { A } from "@solidjs/router";
import { t, type MessageKey } from "../i18n";
import { api, type ImportOut } from "../lib/api";
import { verdictTone } from "../lib/audience";
import { formatNumber } from "../lib/format";
import KpiCard from "./KpiCard";

export default function ImportReport(props: { imp: ImportOut; onAnother?: () => void }) {
  const counts = (): { key: string; label: MessageKey; value: number }[] => [
    { key: "read", label: "wizard.report.read", value: props.imp.counts.rowsRead },
    { key: "inserted", label: "wizard.report.inserted", value: props.imp.counts.inserted },
    { key: "updated", label: "wizard.report.updated", value: props.imp.counts.updated },
    { key: "skipped", label: "wizard.report.skipped", value: props.imp.counts.skipped },
    { key: "rejected", label: "wizard.report.rejected", value: props.imp.counts.rejected },
  ];
  const verdicts = () =>
    (["valid", "risky", "invalid"] as const).map((v) => ({
      v,
      label: t(v === "valid" ? "verdict.validPlural" : v === "risky" ? "verdict.riskyPlural" : "verdict.invalidPlural"),
      value: props.imp.verdicts[v] ?? 0,
    }));
  return (
    <div class="wizard-panel">
      <Show
        when={props.imp.status === "done"}
        fallback={
          <div class="notice notice-error" role="alert">
            <p>{t("wizard.failed", { error: props.imp.error ?? t("common.none") })}</p>
          </div>
        }
      >
        <div class="notice notice-success" role="status">
          <p>{t("wizard.done")}</p>
        </div>
      </Show>
      <section aria-labelledby="report-counts">
        <h2 id="report-counts" class="section-title">
          {t("wizard.report.counts")}
        </h2>
        <div class="kpi-grid kpi-grid-5" data-testid="report-counts">
          <For each={counts()}>{(c) => <KpiCard label={t(c.label)} value={formatNumber(c.value)} testId={`report-${c.key}`} />}</For>
        </div>
      </section>
      <section class="section" aria-labelledby="report-verdicts">
        <h2 id="report-verdicts" class="section-title">
          {t("wizard.report.verdicts")}
        </h2>
        <div class="table-wrap table-narrow">
          <table class="data" aria-label={t("wizard.report.verdictsLabel")}>
            <thead>
              <tr>
                <th scope="col">{t("list.col.verdict")}</th>
                <th scope="col" class="num">{t("list.col.contacts")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={verdicts()}>
                {(r) => (
                  <tr>
                    <th scope="row">
                      <span class={`badge ${verdictTone(r.v)}`}>{r.label}</span>
                    </th>
                    <td class="num" data-testid={`report-verdict-${r.v}`}>{formatNumber(r.value)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>
      <section class="section">
        <Show when={props.imp.counts.rejected > 0} fallback={<p class="muted">{t("wizard.report.noRejects")}</p>}>
          <p>
            <a class="btn btn-secondary" href={api.importReportUrl(props.imp.id)} download="" data-testid="rejects-link">
              {t("wizard.report.download")}
            </a>
          </p>
          <p class="hint">{t("wizard.report.downloadHint")}</p>
        </Show>
      </section>
      <div class="form-actions wrap">
        <A class="btn btn-primary" href={`/contacts/lists/${props.imp.listId}`}>
          {t("wizard.report.toList")}
        </A>
        <A class="btn btn-secondary" href={`/contacts?listId=${props.imp.listId}`}>
          {t("wizard.report.toContacts")}
        </A>
        <Show when={props.onAnother}>
          <button type="button" class="btn btn-ghost" onClick={() => props.onAnother?.()}>
            {t("wizard.report.another")}
          </button>
        </Show>
      </div>
    </div>
  );
}
