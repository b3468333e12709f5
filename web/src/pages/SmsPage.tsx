/**
 * SMS: send one text message (for roles that send) and the recent messages with their status.
 * While any message is still moving (queued, sending, or accepted and waiting for its receipt)
 * the newest page is fetched again every 5 s and folded into the rows in place, so "Cargar más"
 * pages stay and nothing jumps; rows further down that are pending are refreshed one by one.
 */
import { Show, createSignal, onCleanup, onMount } from "solid-js";
import { t } from "../i18n";
import { api, type SmsMessageOut } from "../lib/api";
import { formatPhone } from "../lib/sms";
import { createLoader } from "../lib/load";
import { createPaged } from "../lib/paged";
import { can } from "../lib/session";
import { isPending, mergeMessages } from "../lib/sms-messages";
import { countText } from "../lib/sms-words";
import EmptyState from "../components/EmptyState";
import LoadMore from "../components/LoadMore";
import LoadState from "../components/LoadState";
import NoAccess from "../components/NoAccess";
import Notice from "../components/Notice";
import PageHeader from "../components/PageHeader";
import SmsMessagesTable from "../components/SmsMessagesTable";
import SmsSendForm from "../components/SmsSendForm";

const PAGE = 25;
const POLL_MS = 5_000;
/** Pending rows beyond the newest page refreshed per poll, one request each. */
const DEEP_REFRESH = 10;
/**
 * Where single sends get their short links, or null while POST /api/v1/sms sends (and counts,
 * and charges) links as written, as workers/sms/queue-sms.ts does today: the counter must show
 * what is charged. Set it to `location.origin` when the send path shortens links.
 */
const SHORT_LINK_BASE: string | null = null;

export default function SmsPage() {
  const settings = createLoader(() => api.smsSettings(), can("campaigns.read"));
  const messages = createPaged<SmsMessageOut>((cursor) => api.smsMessages({ cursor, limit: PAGE }).then((p) => ({ entries: p.messages, nextCursor: p.nextCursor })));
  const [notice, setNotice] = createSignal<string | null>(null);
  const pending = () => messages.items().some((m) => isPending(m, new Date()));

  async function refresh() {
    const fresh = await api.smsMessages({ limit: PAGE });
    const seen = new Set(fresh.messages.map((m) => m.id));
    const deep = messages
      .items()
      .filter((m) => !seen.has(m.id) && isPending(m, new Date()))
      .slice(0, DEEP_REFRESH);
    const again = await Promise.all(deep.map((m) => api.smsMessage(m.id).catch(() => m)));
    messages.setItems((rows) => mergeMessages(mergeMessages(rows, again), fresh.messages));
  }

  onMount(() => {
    if (!can("campaigns.read")) return;
    void messages.reload();
    let busy = false;
    const timer = setInterval(() => {
      if (busy || document.hidden || !messages.loaded() || !pending()) return;
      busy = true;
      refresh()
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  function startNew() {
    const field = document.getElementById("sms-to");
    field?.scrollIntoView({ block: "center", behavior: "smooth" });
    field?.focus();
  }

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("sms.title")}
        subtitle={t("sms.subtitle")}
        action={
          <Show when={can("campaigns.send")}>
            <button type="button" class="btn btn-primary" onClick={startNew}>
              {t("sms.new")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <div class="sms-layout">
        <Show when={can("campaigns.send")}>
          <SmsSendForm
            toId="sms-to"
            policy={settings.data()?.segmentPolicy ?? null}
            maxSegments={settings.data()?.maxSegments}
            linkBase={SHORT_LINK_BASE}
            onSent={(out) => {
              setNotice(t("sms.form.queued", { to: formatPhone(out.to), segments: countText("segments", out.segments) }));
              void refresh().catch(() => messages.reload());
            }}
          />
        </Show>
        <section aria-labelledby="sms-messages-title">
          <h2 id="sms-messages-title" class="section-title">
            {t("sms.messages.title")}
          </h2>
          <LoadState loading={messages.loading() && !messages.loaded()} error={messages.error()} onRetry={() => void messages.reload()} />
          <Show when={messages.loaded()}>
            <Show when={messages.items().length > 0} fallback={<EmptyState body={can("campaigns.send") ? t("sms.messages.empty") : t("sms.messages.emptyViewer")} />}>
              <SmsMessagesTable messages={messages.items()} />
              <Show when={pending()}>
                <p class="hint sms-polling">{t("sms.messages.polling")}</p>
              </Show>
              <LoadMore hasMore={messages.hasMore()} loading={messages.loading()} onLoad={() => void messages.loadMore()} count={messages.items().length} />
            </Show>
          </Show>
        </section>
      </div>
    </Show>
  );
}
