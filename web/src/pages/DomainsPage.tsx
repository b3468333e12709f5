/**
 * Dominios de envío: the account's sending domains with their SPF, DKIM and DMARC states.
 * "Agregar dominio" (owner/admin) generates the DKIM key and opens the domain's page with the
 * records to publish.
 */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import Notice from "../components/Notice";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import NoAccess from "../components/NoAccess";
import Dialog from "../components/Dialog";
import DomainsTable from "../components/DomainsTable";
import DomainCreateForm from "../components/DomainCreateForm";

export default function DomainsPage() {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const domains = createLoader(() => api.domains(), can("campaigns.read"));
  const [creating, setCreating] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <BackLink href="/settings" label={t("dom.settingsBack")} />
      <PageHeader
        title={t("dom.title")}
        subtitle={t("dom.subtitle")}
        action={
          <Show when={can("users.manage")}>
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              {t("dom.add")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={domains.loading()} error={domains.error()} onRetry={() => void domains.reload()} />
      <Show when={domains.data()}>
        {(data) => (
          <Show when={data().domains.length > 0} fallback={<EmptyState body={can("users.manage") ? t("dom.empty") : t("dom.emptyViewer")} />}>
            <DomainsTable domains={data().domains} />
          </Show>
        )}
      </Show>
      <Dialog open={creating()} title={t("dom.form.title")} onClose={() => setCreating(false)}>
        <DomainCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(d) => {
            setCreating(false);
            navigate(`/domains/${d.id}`, { state: { notice: t("dom.created", { domain: d.domain }) } });
          }}
        />
      </Dialog>
    </Show>
  );
}
