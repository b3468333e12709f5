/** Auditoría: the account's audit log (bitácora de auditoría), newest first, with "Cargar más". */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { createPaged } from "../lib/paged";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import LoadState from "../components/LoadState";
import AuditTable from "../components/AuditTable";
import LoadMore from "../components/LoadMore";
import EmptyState from "../components/EmptyState";
import NoAccess from "../components/NoAccess";

export default function AuditPage() {
  const log = createPaged((cursor) => api.audit(cursor));
  const users = createLoader(() => api.listUsers(), can("users.read"));
  if (can("audit.read")) void log.reload();
  const userName = (id: string) => users.data()?.users.find((u) => u.id === id)?.name;
  return (
    <Show when={can("audit.read")} fallback={<NoAccess />}>
      <PageHeader title={t("audit.title")} subtitle={t("audit.subtitle")} />
      <LoadState loading={log.loading() && !log.loaded()} error={log.error()} onRetry={() => void log.reload()} />
      <Show when={log.loaded()}>
        <Show when={log.items().length > 0} fallback={<EmptyState body={t("audit.empty")} />}>
          <AuditTable entries={log.items()} userName={userName} />
        </Show>
        <LoadMore hasMore={log.hasMore()} loading={log.loading()} onLoad={() => void log.loadMore()} count={log.items().length} />
      </Show>
    </Show>
  );
}
