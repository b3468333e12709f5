/**
 * Automatizaciones (W4, S6): the account's automations with their state, trigger in words and
 * how many contacts entered and are in progress; "Nueva automatización" for roles that edit
 * campaigns. An empty account says what automations are for and how to start.
 */
import { Show, createSignal } from "solid-js";
import { A, useLocation } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { loadAutomationRefs } from "../lib/automation-refs";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import AutomationsTable from "../components/AutomationsTable";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";

export default function AutomationsPage() {
  const location = useLocation<{ notice?: string }>();
  const automations = createLoader(() => api.automations(), can("campaigns.read"));
  const refs = createLoader(() => loadAutomationRefs(), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const newButton = () => (
    <Show when={can("campaigns.edit")}>
      <A class="btn btn-primary" href="/automations/new">
        {t("au.new")}
      </A>
    </Show>
  );
  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <PageHeader title={t("au.title")} subtitle={t("au.subtitle")} action={newButton()} />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={automations.loading() || refs.loading()} error={automations.error() ?? refs.error()} onRetry={() => void automations.reload()} />
      {/* The table waits for the names too, so a trigger never shows "(lista borrada)" while they load. */}
      <Show when={refs.data() && automations.data()}>
        {(data) => (
          <Show
            when={data().automations.length > 0}
            fallback={<EmptyState title={t("au.empty.title")} body={can("campaigns.edit") ? t("au.empty.body") : t("au.empty.viewer")} />}
          >
            <AutomationsTable automations={data().automations} names={refs.data()!.names} />
          </Show>
        )}
      </Show>
    </Show>
  );
}
