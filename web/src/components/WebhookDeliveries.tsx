/**
 * The delivery log of one webhook, newest first, keyset paged ("Cargar más"): when, which event,
 * its state (with the next retry of a pending one), attempts, and the target's last answer.
 */
import { For, Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type WebhookDeliveryOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { formatDateTime, formatNumber } from "../lib/format";
import { createLoader } from "../lib/load";
import EmptyState from "./EmptyState";
import LoadMore from "./LoadMore";
import LoadState from "./LoadState";

const BADGE = { pending: "badge-warn", delivered: "badge-ok", failed: "badge-bad" } as const;

export default function WebhookDeliveries(props: { webhookId: string; url: string }) {
  const first = createLoader(() => api.webhookDeliveries(props.webhookId));
  const [more, setMore] = createSignal<WebhookDeliveryOut[]>([]);
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<string | null>(null);
  const rows = () => [...(first.data()?.deliveries ?? []), ...more()];
  const next = () => (cursor() === undefined ? (first.data()?.nextCursor ?? null) : cursor());

  async function loadMore() {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.webhookDeliveries(props.webhookId, next());
      setMore((m) => [...m, ...page.deliveries]);
      setCursor(page.nextCursor);
    } catch (err) {
      setMoreError(errorText(err));
    } finally {
      setLoadingMore(false);
    }
  }

  const answer = (d: WebhookDeliveryOut) => (d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? "—"));
  return (
    <div class="wh-log" data-testid="webhook-deliveries">
      <h3 class="card-subtitle">{t("wh.dl.title", { url: props.url })}</h3>
      <LoadState loading={first.loading()} error={first.error()} onRetry={() => void first.reload()} />
      <Show when={first.data()}>
        <Show when={rows().length > 0} fallback={<EmptyState body={t("wh.dl.empty")} />}>
          <div class="table-wrap">
            <table class="data" aria-label={t("wh.dl.tableLabel")}>
              <thead>
                <tr>
                  <th scope="col">{t("wh.dl.col.when")}</th>
                  <th scope="col">{t("wh.dl.col.event")}</th>
                  <th scope="col">{t("wh.dl.col.status")}</th>
                  <th scope="col" class="num">
                    {t("wh.dl.col.attempts")}
                  </th>
                  <th scope="col">{t("wh.dl.col.answer")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(d) => (
                    <tr data-id={d.id}>
                      <td>{formatDateTime(d.createdAt)}</td>
                      <td>{t(`wh.ev.${d.event}` as MessageKey)}</td>
                      <td>
                        <span class={`badge ${BADGE[d.status]}`}>{t(`wh.dl.${d.status}` as MessageKey)}</span>
                        <Show when={d.nextAttemptAt}>
                          {(at) => <span class="muted small"> · {t("wh.dl.next", { date: formatDateTime(at()) })}</span>}
                        </Show>
                      </td>
                      <td class="num">{formatNumber(d.attempts)}</td>
                      <td class="mono small">{answer(d)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={moreError()}>
            <p class="field-error" role="alert">
              {moreError()}
            </p>
          </Show>
          <LoadMore hasMore={next() !== null} loading={loadingMore()} onLoad={() => void loadMore()} count={rows().length} />
        </Show>
      </Show>
    </div>
  );
}
