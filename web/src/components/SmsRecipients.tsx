/**
 * An SMS campaign's "Destinatarios" section (issue 6), shown instead of the email one: one row per
 * message (number, status, operator, when it was sent, short-link clicks by people and by
 * machines), keyset paged with "Cargar más". No filters or CSV yet: the email recipients' ones
 * read `deliveries`, which SMS campaigns do not have.
 */
import { For, Show, onMount } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api } from "../lib/api";
import { createPaged } from "../lib/paged";
import { formatDateTime, formatNumber } from "../lib/format";
import LoadState from "./LoadState";
import EmptyState from "./EmptyState";
import LoadMore from "./LoadMore";

type Row = Awaited<ReturnType<typeof api.campaignSmsRecipients>>["recipients"][number];

export default function SmsRecipients(props: { campaignId: string }) {
  const page = createPaged<Row>(async (cursor) => {
    const res = await api.campaignSmsRecipients(props.campaignId, cursor);
    return { entries: res.recipients, nextCursor: res.nextCursor };
  });
  onMount(() => void page.reload());
  return (
    <section class="section" aria-labelledby="camp-sms-recipients" data-testid="sms-recipients">
      <h2 id="camp-sms-recipients" class="section-title">
        {t("smsLive.recipients.title")}
      </h2>
      <p class="muted small">{t("smsLive.recipients.intro")}</p>
      <LoadState loading={page.loading() && !page.loaded()} error={page.error()} onRetry={() => void page.reload()} />
      <Show when={page.loaded()}>
        <Show when={page.items().length > 0} fallback={<EmptyState body={t("smsLive.recipients.empty")} />}>
          <div class="table-wrap">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t("smsLive.recipients.number")}</th>
                  <th scope="col">{t("smsLive.recipients.status")}</th>
                  <th scope="col">{t("smsLive.recipients.operator")}</th>
                  <th scope="col">{t("smsLive.recipients.sentAt")}</th>
                  <th scope="col" class="num">{t("smsLive.recipients.clicks")}</th>
                  <th scope="col" class="num">{t("smsLive.recipients.machineClicks")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={page.items()}>
                  {(r) => (
                    <tr>
                      <th scope="row">{r.number}</th>
                      <td>{t(`sms.status.${r.status}` as MessageKey)}</td>
                      <td>{r.operator ? t(`smsLive.operator.${r.operator}` as MessageKey) : "—"}</td>
                      <td>{formatDateTime(r.sentAt)}</td>
                      <td class="num">{formatNumber(r.clicks)}</td>
                      <td class="num">{formatNumber(r.machineClicks)}</td>
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
