/**
 * Bandeja SMS (S4): the conversations on the left, the open one on the right with its reply
 * box (on a phone, one pane at a time, with a way back). The open conversation is in the address
 * (`?n=+51…`), so it survives a reload and can be linked. While the page is open and visible it
 * polls every 5 s: the open conversation first (which marks it read), then the newest page of
 * threads, folded into the list in place so nothing jumps.
 */
import { Show, createEffect, createSignal, on, onCleanup, onMount } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { t } from "../i18n";
import { api, type ThreadOut, type ThreadSummary } from "../lib/api";
import { createLoader } from "../lib/load";
import { createPaged } from "../lib/paged";
import { can } from "../lib/session";
import { markRead, mergeThreads } from "../lib/inbox";
import { formatPhone } from "../lib/sms";
import EmptyState from "../components/EmptyState";
import InboxConversation from "../components/InboxConversation";
import InboxReplyForm from "../components/InboxReplyForm";
import InboxThreadList from "../components/InboxThreadList";
import LoadMore from "../components/LoadMore";
import LoadState from "../components/LoadState";
import NoAccess from "../components/NoAccess";
import Notice from "../components/Notice";
import PageHeader from "../components/PageHeader";
import "../styles/inbox.css";

const PAGE = 30;
const POLL_MS = 5_000;

export default function InboxPage() {
  const [params, setParams] = useSearchParams<{ n?: string }>();
  const selected = () => (typeof params.n === "string" && params.n !== "" ? params.n : null);
  const settings = createLoader(() => api.smsSettings(), can("campaigns.send"));
  const threads = createPaged<ThreadSummary>((cursor) => api.smsInbox(cursor, PAGE).then((p) => ({ entries: p.threads, nextCursor: p.nextCursor })));
  const [thread, setThread] = createSignal<ThreadOut | null>(null);
  const [threadError, setThreadError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  async function loadThread(number: string): Promise<void> {
    const fresh = await api.smsThread(number);
    if (selected() !== number) return; // another conversation was opened meanwhile
    setThreadError(null);
    // Same messages, same statuses: keep the objects on screen (no re-render, no scroll jump).
    if (JSON.stringify(fresh) !== JSON.stringify(thread())) setThread(fresh);
    threads.setItems((rows) => markRead(rows, fresh.number));
  }

  async function poll(): Promise<void> {
    const open = selected();
    if (open) await loadThread(open).catch(() => undefined);
    const fresh = await api.smsInbox(null, PAGE);
    threads.setItems((rows) => {
      const merged = mergeThreads(rows, fresh.threads);
      return open ? markRead(merged, open) : merged;
    });
  }

  createEffect(
    on(selected, (number) => {
      setThread(null);
      setThreadError(null);
      if (number) loadThread(number).catch((err) => setThreadError(err));
    }),
  );

  onMount(() => {
    if (!can("campaigns.read")) return;
    void threads.reload();
    let busy = false;
    const timer = setInterval(() => {
      if (busy || document.hidden || !threads.loaded()) return;
      busy = true;
      poll()
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  const open = (number: string | null) => {
    setNotice(null);
    setParams({ n: number ?? undefined });
  };

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("inbox.title")}
        subtitle={t("inbox.subtitle")}
        action={
          <A href="/inbox/keywords" class="btn btn-secondary">
            {t("inbox.keywordsLink")}
          </A>
        }
      />
      <LoadState loading={threads.loading() && !threads.loaded()} error={threads.error()} onRetry={() => void threads.reload()} />
      <Show when={threads.loaded()}>
        <Show when={threads.items().length > 0 || selected()} fallback={<EmptyState body={t("inbox.empty")} />}>
          <div class="inbox" classList={{ "has-thread": !!selected() }}>
            <section class="card inbox-list" aria-labelledby="inbox-threads-title">
              <div class="inbox-list-head">
                <h2 id="inbox-threads-title">{t("inbox.threads")}</h2>
                <p class="hint inbox-live">{t("inbox.live")}</p>
              </div>
              <InboxThreadList threads={threads.items()} selected={selected()} onSelect={(n) => open(n)} />
              <Show when={threads.hasMore()}>
                <div class="inbox-more">
                  <LoadMore hasMore={threads.hasMore()} loading={threads.loading()} onLoad={() => void threads.loadMore()} count={threads.items().length} />
                </div>
              </Show>
            </section>
            <div class="inbox-side">
              <Show when={selected()} fallback={<div class="card inbox-pick"><p class="muted">{t("inbox.pick")}</p></div>}>
                {(number) => (
                  <div class="inbox-thread">
                    <button type="button" class="link-button inbox-back" onClick={() => open(null)}>
                      ← {t("inbox.back")}
                    </button>
                    <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
                    <LoadState loading={!thread() && !threadError()} error={threadError()} onRetry={() => void loadThread(number()).catch((err) => setThreadError(err))} />
                    <Show when={thread()}>{(th) => <InboxConversation thread={th()} />}</Show>
                    <Show when={can("campaigns.send")} fallback={<p class="muted small">{t("inbox.reply.noSend")}</p>}>
                      <InboxReplyForm
                        number={number()}
                        policy={settings.data()?.segmentPolicy ?? null}
                        maxSegments={settings.data()?.maxSegments}
                        onSent={(out) => {
                          setNotice(t("inbox.reply.queued", { to: formatPhone(out.to) }));
                          void poll().catch(() => undefined);
                        }}
                      />
                    </Show>
                  </div>
                )}
              </Show>
            </div>
          </div>
        </Show>
      </Show>
    </Show>
  );
}
