/**
 * The campaign's "Destinatarios" section (items 4 and 8): who got it, who opened, when
 * and how many times, who clicked. Filters and an email search above a keyset-paged table
 * ("Cargar más"); a row opens the recipient's history in a dialog; two download links give the
 * recipients CSV (same filter and search) and the CSV of every raw event, in the dashboard's
 * language.
 */
import { Show, createEffect, createSignal, on } from "solid-js";
import { locale, t } from "../i18n";
import { api, type RecipientFilter, type RecipientOut } from "../lib/api";
import { createPaged } from "../lib/paged";
import LoadState from "./LoadState";
import EmptyState from "./EmptyState";
import LoadMore from "./LoadMore";
import Dialog from "./Dialog";
import RecipientFilters from "./RecipientFilters";
import RecipientsTable from "./RecipientsTable";
import RecipientTimeline from "./RecipientTimeline";
import "../styles/recipients.css";

export default function CampaignRecipients(props: { campaignId: string }) {
  const [filter, setFilter] = createSignal<RecipientFilter>("all");
  const [q, setQ] = createSignal("");
  const [open, setOpen] = createSignal<RecipientOut | null>(null);
  const lang = () => (locale() === "en" ? "en" : "es");
  const page = createPaged<RecipientOut>(async (cursor) => {
    const res = await api.campaignRecipients(props.campaignId, { filter: filter(), q: q() || undefined, cursor, limit: 50 });
    return { entries: res.recipients, nextCursor: res.nextCursor };
  });
  createEffect(on([filter, q], () => void page.reload()));
  const filtered = () => filter() !== "all" || q() !== "";

  return (
    <section class="section" aria-labelledby="camp-recipients" data-testid="campaign-recipients">
      <div class="section-head">
        <div>
          <h2 id="camp-recipients" class="section-title">
            {t("recip.title")}
          </h2>
          <p class="muted small">{t("recip.intro")}</p>
          <p class="muted small">{t("recip.csvHint")}</p>
        </div>
        <div class="recip-downloads" role="group" aria-label={t("recip.downloads")}>
          <a class="btn btn-secondary btn-small" href={api.campaignRecipientsCsvUrl(props.campaignId, filter(), q(), lang())} download="" data-testid="recipients-csv">
            {t("recip.csvRecipients")}
          </a>
          <a class="btn btn-secondary btn-small" href={api.campaignEventsCsvUrl(props.campaignId, lang())} download="" data-testid="events-csv">
            {t("recip.csvEvents")}
          </a>
        </div>
      </div>
      <RecipientFilters filter={filter()} q={q()} onFilter={setFilter} onSearch={setQ} />
      <LoadState loading={page.loading() && !page.loaded()} error={page.error()} onRetry={() => void page.reload()} />
      <Show when={page.loaded()}>
        <Show when={page.items().length > 0} fallback={<EmptyState body={filtered() ? t("recip.noMatch") : t("recip.empty")} />}>
          <RecipientsTable recipients={page.items()} onOpen={setOpen} />
        </Show>
        <LoadMore hasMore={page.hasMore()} loading={page.loading()} onLoad={() => void page.loadMore()} count={page.items().length} />
      </Show>
      <Dialog open={open() !== null} title={open() ? `${t("recip.timeline.title")}: ${open()!.email}` : t("recip.timeline.title")} onClose={() => setOpen(null)}>
        <Show when={open()}>{(r) => <RecipientTimeline campaignId={props.campaignId} contactId={r().contactId} />}</Show>
      </Dialog>
    </section>
  );
}
