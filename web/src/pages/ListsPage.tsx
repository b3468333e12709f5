/** Listas: the account's lists with live counts and, for roles that edit contacts, "Nueva lista". */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import AudienceTabs from "../components/AudienceTabs";
import ListsTable from "../components/ListsTable";
import ListCreateForm from "../components/ListCreateForm";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Dialog from "../components/Dialog";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";

export default function ListsPage() {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const lists = createLoader(() => api.lists(), can("contacts.read"));
  const [creating, setCreating] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("lists.title")}
        subtitle={t("lists.subtitle")}
        action={
          <Show when={can("contacts.edit")}>
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              {t("lists.new")}
            </button>
          </Show>
        }
      />
      <AudienceTabs />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={lists.loading()} error={lists.error()} onRetry={() => void lists.reload()} />
      <Show when={lists.data()}>
        {(data) => (
          <Show when={data().lists.length > 0} fallback={<EmptyState body={can("contacts.edit") ? t("lists.empty") : t("lists.emptyViewer")} />}>
            <ListsTable lists={data().lists} />
          </Show>
        )}
      </Show>
      <Dialog open={creating()} title={t("lists.form.title")} onClose={() => setCreating(false)}>
        <ListCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(l) => {
            setCreating(false);
            navigate(`/contacts/lists/${l.id}`, { state: { notice: t("lists.created", { name: l.name }) } });
          }}
        />
      </Dialog>
    </Show>
  );
}
