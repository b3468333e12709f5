/**
 * Contactos: every contact of the account, newest first, with a prefix search and filters kept
 * in the address (so "back" from a contact returns to the same search), keyset paging ("Cargar
 * más") and, for roles that edit contacts, "Nuevo contacto".
 */
import { Show, createEffect, createSignal, on } from "solid-js";
import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { t } from "../i18n";
import { api, type ContactOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { createPaged } from "../lib/paged";
import { can } from "../lib/session";
import { contactName } from "../lib/audience";
import PageHeader from "../components/PageHeader";
import AudienceTabs from "../components/AudienceTabs";
import ContactFilters, { type ContactFilter } from "../components/ContactFilters";
import ContactsTable from "../components/ContactsTable";
import ContactCreateForm from "../components/ContactCreateForm";
import LoadState from "../components/LoadState";
import LoadMore from "../components/LoadMore";
import EmptyState from "../components/EmptyState";
import Dialog from "../components/Dialog";
import NoAccess from "../components/NoAccess";
import Notice from "../components/Notice";

export default function ContactsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ q?: string; listId?: string; verdict?: string; emailStatus?: string }>();
  const filter = (): ContactFilter => ({ q: params.q ?? "", listId: params.listId ?? "", verdict: params.verdict ?? "", emailStatus: params.emailStatus ?? "" });
  const filtered = () => Object.values(filter()).some(Boolean);
  const lists = createLoader(() => api.lists(), can("contacts.read"));
  const [creating, setCreating] = createSignal(false);
  const location = useLocation<{ notice?: string }>();
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);

  const page = createPaged<ContactOut>(async (cursor) => {
    const f = filter();
    const res = await api.contacts({
      q: f.q || undefined,
      listId: f.listId || undefined,
      verdict: (f.verdict || undefined) as ContactOut["verdict"] | undefined,
      emailStatus: (f.emailStatus || undefined) as ContactOut["emailStatus"] | undefined,
      cursor,
    });
    return { entries: res.contacts, nextCursor: res.nextCursor };
  });
  createEffect(on(() => JSON.stringify(filter()), () => can("contacts.read") && void page.reload()));

  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("contacts.title")}
        subtitle={t("contacts.subtitle")}
        action={
          <Show when={can("contacts.edit")}>
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              {t("contacts.new")}
            </button>
          </Show>
        }
      />
      <AudienceTabs />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <ContactFilters
        value={filter()}
        lists={lists.data()?.lists ?? []}
        onChange={(f) => setParams({ q: f.q || undefined, listId: f.listId || undefined, verdict: f.verdict || undefined, emailStatus: f.emailStatus || undefined }, { replace: true })}
      />
      <LoadState loading={page.loading() && !page.loaded()} error={page.error()} onRetry={() => void page.reload()} />
      <Show when={page.loaded()}>
        <Show
          when={page.items().length > 0}
          fallback={<EmptyState body={filtered() ? t("contacts.noMatch") : can("contacts.edit") ? t("contacts.empty") : t("contacts.emptyViewer")} />}
        >
          <div aria-busy={page.loading()}>
            <ContactsTable contacts={page.items()} />
          </div>
        </Show>
        <LoadMore hasMore={page.hasMore()} loading={page.loading()} onLoad={() => void page.loadMore()} count={page.items().length} />
      </Show>

      <Dialog open={creating()} title={t("contact.form.title")} onClose={() => setCreating(false)}>
        <ContactCreateForm
          lists={lists.data()?.lists ?? []}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            navigate(`/contacts/${c.id}`, { state: { notice: t("contacts.created", { name: contactName(c) }) } });
          }}
        />
      </Dialog>
    </Show>
  );
}
