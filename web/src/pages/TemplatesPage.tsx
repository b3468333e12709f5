/**
 * Plantillas: the gallery's designs (each with "Usar esta plantilla", which creates a template
 * and opens its editor) and the saved templates. "Nueva plantilla" starts from a blank design.
 */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api, type GalleryTemplate } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { emailErrorText } from "../lib/email";
import PageHeader from "../components/PageHeader";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import Dialog from "../components/Dialog";
import TemplateGallery from "../components/TemplateGallery";
import TemplatesTable from "../components/TemplatesTable";
import TemplateCreateForm from "../components/TemplateCreateForm";

export default function TemplatesPage() {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const gallery = createLoader(() => api.templateGallery(), can("campaigns.read"));
  const templates = createLoader(() => api.templates(), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [error, setError] = createSignal<string | null>(null);
  const [busyKey, setBusyKey] = createSignal<string | null>(null);
  const [creating, setCreating] = createSignal(false);

  async function use(g: GalleryTemplate) {
    setBusyKey(g.key);
    setError(null);
    try {
      const tp = await api.createTemplate({ name: g.name, galleryKey: g.key });
      navigate(`/templates/${tp.id}`, { state: { notice: t("tpl.created", { name: tp.name }) } });
    } catch (err) {
      setError(emailErrorText(err));
    } finally {
      setBusyKey(null);
    }
  }

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("tpl.title")}
        subtitle={t("tpl.subtitle")}
        action={
          <Show when={can("campaigns.edit")}>
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              {t("tpl.new")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Notice tone="error" text={error()} onDismiss={() => setError(null)} />
      <section class="section" aria-labelledby="tpl-saved">
        <h2 id="tpl-saved" class="section-title">
          {t("tpl.saved")}
        </h2>
        <LoadState loading={templates.loading()} error={templates.error()} onRetry={() => void templates.reload()} />
        <Show when={templates.data()}>
          {(d) => (
            <Show when={d().templates.length > 0} fallback={<EmptyState body={can("campaigns.edit") ? t("tpl.empty") : t("tpl.emptyViewer")} />}>
              <TemplatesTable templates={d().templates} />
            </Show>
          )}
        </Show>
      </section>
      <section class="section" aria-labelledby="tpl-gallery">
        <h2 id="tpl-gallery" class="section-title">
          {t("tpl.gallery")}
        </h2>
        <p class="muted small section-hint">{t("tpl.galleryHint")}</p>
        <LoadState loading={gallery.loading()} error={gallery.error()} onRetry={() => void gallery.reload()} />
        <Show when={gallery.data()}>{(d) => <TemplateGallery templates={d().templates} canUse={can("campaigns.edit")} busyKey={busyKey()} onUse={(g) => void use(g)} />}</Show>
      </section>
      <Dialog open={creating()} title={t("tpl.form.title")} onClose={() => setCreating(false)}>
        <TemplateCreateForm
          onCancel={() => setCreating(false)}
          onCreated={(tp) => {
            setCreating(false);
            navigate(`/templates/${tp.id}`, { state: { notice: t("tpl.created", { name: tp.name }) } });
          }}
        />
      </Dialog>
    </Show>
  );
}
