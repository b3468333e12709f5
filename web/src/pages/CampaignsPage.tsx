/** Campañas: every campaign with its state, audience, dates and progress; "Nueva campaña" for roles that edit. */
import { Show, createSignal } from "solid-js";
import { A, useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { audienceText } from "../lib/email";
import PageHeader from "../components/PageHeader";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import Dialog from "../components/Dialog";
import CampaignsTable from "../components/CampaignsTable";
import NewCampaignForm from "../components/NewCampaignForm";

export default function CampaignsPage() {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const campaigns = createLoader(() => api.campaigns(), can("campaigns.read"));
  const templates = createLoader(() => api.templates(), can("campaigns.read"));
  const lists = createLoader(() => api.lists().catch(() => ({ lists: [] })), can("campaigns.read"));
  const segments = createLoader(() => api.segments().catch(() => ({ segments: [] })), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [creating, setCreating] = createSignal(false);
  const noTemplates = () => templates.data()?.templates.length === 0;

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("camp.title")}
        subtitle={t("camp.subtitle")}
        action={
          <Show when={can("campaigns.edit")}>
            <button type="button" class="btn btn-primary" disabled={!templates.data()} onClick={() => setCreating(true)}>
              {t("camp.new")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={campaigns.loading()} error={campaigns.error()} onRetry={() => void campaigns.reload()} />
      <Show when={campaigns.data()}>
        {(d) => (
          <Show
            when={d().campaigns.length > 0}
            fallback={
              <EmptyState
                body={!can("campaigns.edit") ? t("camp.emptyViewer") : noTemplates() ? t("camp.emptyNoTemplates") : t("camp.empty")}
                action={
                  <Show when={can("campaigns.edit") && noTemplates()}>
                    <A class="btn btn-secondary" href="/templates">
                      {t("nav.templates")}
                    </A>
                  </Show>
                }
              />
            }
          >
            <CampaignsTable campaigns={d().campaigns} audienceName={(c) => audienceText(c, lists.data()?.lists ?? [], segments.data()?.segments ?? [])} />
          </Show>
        )}
      </Show>
      <Dialog open={creating()} title={t("camp.form.title")} onClose={() => setCreating(false)}>
        <NewCampaignForm
          templates={templates.data()?.templates ?? []}
          lists={lists.data()?.lists ?? []}
          segments={segments.data()?.segments ?? []}
          onCancel={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            navigate(`/campaigns/${c.id}`, { state: { notice: t("camp.created", { name: c.name }) } });
          }}
        />
      </Dialog>
    </Show>
  );
}
