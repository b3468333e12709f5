/**
 * A list's cleaning report (depuración de la lista): contacts by verdict with their share, then
 * by reason, in words. Numbers right-aligned with es-PE separators.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { CleaningReport as Report } from "../lib/api";
import { VERDICTS, formatPercent, reasonLabel, verdictTone } from "../lib/audience";
import { formatNumber } from "../lib/format";

export default function CleaningReport(props: { report: Report }) {
  const share = (n: number) => formatPercent(props.report.total ? n / props.report.total : 0);
  const reasons = () => Object.entries(props.report.byReason).sort((a, b) => b[1] - a[1]);
  const plural = { valid: "verdict.validPlural", risky: "verdict.riskyPlural", invalid: "verdict.invalidPlural" } as const;
  return (
    <div class="report-grid">
      <div class="table-wrap">
        <table class="data" aria-label={t("list.cleaningLabel")}>
          <thead>
            <tr>
              <th scope="col">{t("list.col.verdict")}</th>
              <th scope="col" class="num">{t("list.col.contacts")}</th>
              <th scope="col" class="num">{t("list.col.share")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={VERDICTS}>
              {(v) => (
                <tr data-verdict={v}>
                  <th scope="row">
                    <span class={`badge ${verdictTone(v)}`}>{t(plural[v])}</span>
                  </th>
                  <td class="num" data-testid={`cleaning-${v}`}>{formatNumber(props.report[v])}</td>
                  <td class="num">{share(props.report[v])}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={reasons().length > 0} fallback={<p class="muted small">{t("list.noReasons")}</p>}>
        <div class="table-wrap">
          <table class="data" aria-label={t("list.reasonsLabel")}>
            <thead>
              <tr>
                <th scope="col">{t("list.col.reason")}</th>
                <th scope="col" class="num">{t("list.col.contacts")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={reasons()}>
                {([code, n]) => (
                  <tr data-reason={code}>
                    <th scope="row" class="cell-normal">{reasonLabel(code)}</th>
                    <td class="num">{formatNumber(n)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}
