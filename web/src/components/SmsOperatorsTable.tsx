/**
 * An SMS campaign's messages per operator (GET /campaigns/:id/sms-operators, from the hourly
 * buckets): sent, delivered, failed and pending, numbers right-aligned. Read when the page opens
 * and again (quietly, at most every 2 s) whenever the live counters change (`version`).
 */
import { For, Show, createEffect, createSignal, on, onCleanup } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { formatNumber } from "../lib/format";
import LoadState from "./LoadState";

const KNOWN = ["claro", "movistar", "entel", "bitel", "other", "unknown"];
const operatorName = (op: string) => (KNOWN.includes(op) ? t(`smsLive.operator.${op}` as MessageKey) : op);

export default function SmsOperatorsTable(props: { campaignId: string; version: number }) {
  const table = createLoader(() => api.campaignSmsOperators(props.campaignId));
  // The buckets are written in the same transaction as the events the live counters count; read
  // again quietly (no loading state, at most every 2 s) so the table does not flicker.
  const [fresh, setFresh] = createSignal<Awaited<ReturnType<typeof api.campaignSmsOperators>> | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => props.version,
      () => {
        if (timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          api.campaignSmsOperators(props.campaignId).then(setFresh, () => undefined);
        }, 2_000);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  const data = () => fresh() ?? table.data();
  return (
    <section class="section" aria-labelledby="sms-operators">
      <h3 id="sms-operators" class="subsection-title">
        {t("smsLive.operators.title")}
      </h3>
      <Show when={data()} fallback={<LoadState loading={table.loading()} error={table.error()} onRetry={() => void table.reload()} />}>
        {(d) => (
          <Show when={d().operators.length > 0} fallback={<p class="muted">{t("smsLive.operators.empty")}</p>}>
            <div class="table-wrap">
              <table class="data" data-testid="sms-operators">
                <thead>
                  <tr>
                    <th scope="col">{t("smsLive.operators.operator")}</th>
                    <th scope="col" class="num">{t("smsLive.operators.sent")}</th>
                    <th scope="col" class="num">{t("smsLive.operators.delivered")}</th>
                    <th scope="col" class="num">{t("smsLive.operators.failed")}</th>
                    <th scope="col" class="num">{t("smsLive.operators.pending")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d().operators}>
                    {(r) => (
                      <tr>
                        <th scope="row">{operatorName(r.operator)}</th>
                        <td class="num">{formatNumber(r.sent)}</td>
                        <td class="num">{formatNumber(r.delivered)}</td>
                        <td class="num">{formatNumber(r.failed)}</td>
                        <td class="num">{formatNumber(r.pending)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
