/**
 * The conversations of the Bandeja SMS, newest activity first: who (the contact's name, else the
 * number), when (Lima time), the last message (ours prefixed "Tú:"), and how many are unread.
 * Each is a button; the open one is marked `aria-current`.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { ThreadSummary } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";
import { formatPhone } from "../lib/sms";
import { excerpt } from "../lib/sms-messages";
import "../styles/inbox.css";

export default function InboxThreadList(props: { threads: ThreadSummary[]; selected: string | null; onSelect: (number: string) => void }) {
  return (
    <ul class="threads" aria-label={t("inbox.threadsLabel")} data-testid="inbox-threads">
      <For each={props.threads}>
        {(thread) => (
          <li>
            <button
              type="button"
              class="thread-item"
              classList={{ "thread-unread": thread.unread > 0 }}
              aria-current={props.selected === thread.number ? "true" : undefined}
              onClick={() => props.onSelect(thread.number)}
              data-number={thread.number}
            >
              <span class="thread-who">{thread.contact?.name || formatPhone(thread.number)}</span>
              <span class="thread-time">{formatDateTime(thread.last.at)}</span>
              <span class="thread-last">
                {thread.last.direction === "out" ? t("inbox.you") : ""}
                {excerpt(thread.last.text, 80)}
              </span>
              <Show when={thread.unread > 0}>
                <span class="badge badge-info" data-testid="unread">
                  {t(thread.unread === 1 ? "inbox.unread.one" : "inbox.unread.other", { n: formatNumber(thread.unread) })}
                </span>
              </Show>
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
