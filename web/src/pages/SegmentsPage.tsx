/** Segmentos: the account's dynamic segments with live counts and, for roles that edit contacts, "Nuevo segmento". */
import { Show, createSignal } from "solid-js";
import { A, useLocation } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import AudienceTabs from "../components/AudienceTabs";
import SegmentsTable from "../components/SegmentsTable";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";

export default function SegmentsPage() {
  const location = useLocation<{ notice?: string }>();
  const segments = createLoader(() => api.segments(), can("contacts.read"));
  const lists = createLoader(() => api.lists(), can("contacts.read"));
  const fields = createLoader(() => api.fields(), can("contacts.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("segments.title")}
        subtitle={t("segments.subtitle")}
        action={
          <Show when={can("contacts.edit")}>
            <A class="btn btn-primary" href="/contacts/segments/new">
              {t("segments.new")}
            </A>
          </Show>
        }
      />
      <AudienceTabs />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={segments.loading()} error={segments.error()} onRetry={() => void segments.reload()} />
      <Show when={segments.data()}>
        {(data) => (
          <Show when={data().segments.length > 0} fallback={<EmptyState body={can("contacts.edit") ? t("segments.empty") : t("segments.emptyViewer")} />}>
            <SegmentsTable segments={data().segments} lists={lists.data()?.lists ?? []} fields={fields.data()?.fields ?? []} />
          </Show>
        )}
      </Show>
    </Show>
  );
}
