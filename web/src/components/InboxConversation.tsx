/**
 * One SMS conversation as bubbles: what the person wrote on the left, what was sent on the right
 * with its delivery status, each with its Lima time; an incoming keyword says what it did (an
 * opt-out is spelled out, Ley 32323). The list scrolls to the newest message when one arrives.
 */
import { For, Show, createEffect, on } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { ThreadOut } from "../lib/api";
import { formatDateTime } from "../lib/format";
import { formatPhone } from "../lib/sms";
import SmsStatusBadge from "./SmsStatusBadge";
import "../styles/inbox.css";

export default function InboxConversation(props: { thread: ThreadOut }) {
  let list: HTMLOListElement | undefined;
  const who = () => props.thread.contact?.name || formatPhone(props.thread.number);
  createEffect(on(() => props.thread.messages.length, () => list && (list.scrollTop = list.scrollHeight)));

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <div class="conversation-head">
        <div>
          <h2 id="conversation-title">{who()}</h2>
          <p class="muted small">
            <Show when={props.thread.contact} fallback={t("inbox.noContact")}>
              {(c) => (
                <>
                  {formatPhone(props.thread.number)}
                  {" · "}
                  <A href={`/contacts/${c().id}`}>{t("inbox.contactLink")}</A>
                </>
              )}
            </Show>
          </p>
        </div>
      </div>
      <Show when={props.thread.messages.length > 0} fallback={<p class="muted">{t("inbox.noMessages")}</p>}>
        <ol class="bubbles" ref={list} aria-label={t("inbox.conversation", { who: who() })} tabindex="0" data-testid="bubbles">
          <For each={props.thread.messages}>
            {(m) => (
              <li class={`bubble ${m.direction}`} data-status={m.status}>
                <span class="visually-hidden">{m.direction === "in" ? t("inbox.in") : t("inbox.out")}: </span>
                <p class="bubble-text">{m.text}</p>
                <p class="bubble-meta">
                  <time datetime={m.at}>{formatDateTime(m.at)}</time>
                  <Show when={m.direction === "out"}>
                    <SmsStatusBadge status={m.status} />
                  </Show>
                  <Show when={m.direction === "in" && m.action === "optout"}>
                    <span class="badge badge-warn">{t("inbox.optedOut", { keyword: m.keyword ?? "" })}</span>
                  </Show>
                  <Show when={m.direction === "in" && m.action === "keyword"}>
                    <span class="badge badge-info">{t("inbox.keyword", { keyword: m.keyword ?? "" })}</span>
                  </Show>
                  <Show when={m.direction === "in" && m.campaignId && !m.action}>
                    <A href={`/campaigns/${m.campaignId}`} class="small">
                      {t("inbox.campaign")}
                    </A>
                  </Show>
                </p>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
