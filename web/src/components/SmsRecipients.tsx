/**
 * An SMS campaign's "Destinatarios" section, shown instead of the email one: one row per
 * message (the contact, linked to their page, and the number; status, operator, when it was sent,
 * short-link clicks by people and by machines, replies), keyset paged with "Cargar más". The rows loaded
 * are read again quietly (at most every 2 s) whenever the live counters change (`version`), so
 * statuses and clicks move without a reload. Two download links give the recipients' CSV (one
 * row per message) and the events' CSV (sent, final statuses, clicks, replies), the same
 * endpoints as an email campaign's, which read an SMS campaign's messages.
 */
import { For, Show, createEffect, on, onCleanup, onMount } from "solid-js";
import { A } from "@solidjs/router";
import { locale, t, type MessageKey } from "../i18n";
import { api } from "../lib/api";
import { createPaged } from "../lib/paged";
import { formatDateTime, formatNumber } from "../lib/format";
import { formatPhone } from "../lib/sms";
import LoadState from "./LoadState";
import EmptyState from "./EmptyState";
import LoadMore from "./LoadMore";

type Row = Awaited<ReturnType<typeof api.campaignSmsRecipients>>["recipients"][number];
const PAGE = 50;
const KNOWN = ["claro", "movistar", "entel", "bitel", "other"];
/** As the per-operator table names it: a message sent without a known operator is "Desconocido" there too. */
const operatorName = (r: Row) => (r.operator && KNOWN.includes(r.operator) ? t(`smsLive.operator.${r.operator}` as MessageKey) : r.operator ?? (r.sentAt ? t("smsLive.operator.unknown") : "—"));
const MAX_REFRESH = 200;
const lang = () => (locale() === "en" ? "en" : "es");

export default function SmsRecipients(props: { campaignId: string; version?: number }) {
  const page = createPaged<Row>(async (cursor) => {
    const res = await api.campaignSmsRecipients(props.campaignId, cursor, PAGE);
    return { entries: res.recipients, nextCursor: res.nextCursor };
  });
  onMount(() => void page.reload());

  // Refresh the rows already shown (up to MAX_REFRESH) in place; the cursor of "Cargar más" stays valid.
  // page.reload() keeps the rows on screen until the answer replaces them (no loading state once loaded).
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => props.version,
      () => {
        if (timer !== undefined) return;
        timer = setTimeout(() => {
          timer = undefined;
          const shown = page.items().length;
          if (page.loading() || shown > MAX_REFRESH) return;
          // Fewer than a page: that page was everything, read it again (new rows included).
          if (shown < PAGE) return void page.reload();
          api.campaignSmsRecipients(props.campaignId, null, shown).then((res) => page.setItems(res.recipients), () => undefined);
        }, 2_000);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));

  return (
    <section class="section" aria-labelledby="camp-sms-recipients" data-testid="sms-recipients">
      <div class="section-head">
        <div>
          <h2 id="camp-sms-recipients" class="section-title">
            {t("smsLive.recipients.title")}
          </h2>
          <p class="muted small">{t("smsLive.recipients.intro")}</p>
          <p class="muted small">{t("smsLive.recipients.csvHint")}</p>
        </div>
        <div class="recip-downloads" role="group" aria-label={t("recip.downloads")}>
          <a class="btn btn-secondary btn-small" href={api.campaignRecipientsCsvUrl(props.campaignId, "all", "", lang())} download="" data-testid="sms-recipients-csv">
            {t("recip.csvRecipients")}
          </a>
          <a class="btn btn-secondary btn-small" href={api.campaignEventsCsvUrl(props.campaignId, lang())} download="" data-testid="sms-events-csv">
            {t("recip.csvEvents")}
          </a>
        </div>
      </div>
      <LoadState loading={page.loading() && !page.loaded()} error={page.error()} onRetry={() => void page.reload()} />
      <Show when={page.loaded()}>
        <Show when={page.items().length > 0} fallback={<EmptyState body={t("smsLive.recipients.empty")} />}>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t("smsLive.recipients.contact")}</th>
                  <th scope="col">{t("smsLive.recipients.number")}</th>
                  <th scope="col">{t("smsLive.recipients.status")}</th>
                  <th scope="col">{t("smsLive.recipients.operator")}</th>
                  <th scope="col">{t("smsLive.recipients.sentAt")}</th>
                  <th scope="col" class="num">{t("smsLive.recipients.clicks")}</th>
                  <th scope="col" class="num">{t("smsLive.recipients.machineClicks")}</th>
                  <th scope="col" class="num">{t("smsLive.recipients.replies")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={page.items()}>
                  {(r) => (
                    <tr data-testid="sms-recipient">
                      <th scope="row">
                        <A href={`/contacts/${r.contactId}`}>{r.name ?? t("smsLive.recipients.noName")}</A>
                      </th>
                      <td class="nowrap">{formatPhone(r.number)}</td>
                      <td>{t(`sms.status.${r.status}` as MessageKey)}</td>
                      <td>{operatorName(r)}</td>
                      <td>{formatDateTime(r.sentAt)}</td>
                      <td class="num" title={r.firstClickAt ? t("smsLive.recipients.firstClick", { date: formatDateTime(r.firstClickAt) }) : undefined}>
                        {formatNumber(r.clicks)}
                      </td>
                      <td class="num">{formatNumber(r.machineClicks)}</td>
                      <td class="num" data-testid="sms-recipient-replies">
                        {formatNumber(r.replies)}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <LoadMore hasMore={page.hasMore()} loading={page.loading()} onLoad={() => void page.loadMore()} count={page.items().length} />
      </Show>
    </section>
  );
}
