/**
 * One template: its MJML editor (name, code, errors at their line) and the preview on three
 * screens rendered after each save, with a contact's data if one is chosen. "Duplicar" is the
 * page's action; "Eliminar" lives in the danger zone and asks first.
 */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { emailErrorText } from "../lib/email";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import DangerZone from "../components/DangerZone";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";
import TemplateEditor from "../components/TemplateEditor";
import PreviewPanel from "../components/PreviewPanel";

export default function TemplatePage(props: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const template = createLoader(() => api.template(props.id), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [error, setError] = createSignal<string | null>(null);
  const [version, setVersion] = createSignal(0);
  const [duplicating, setDuplicating] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  const notFound = () => (template.error() as { status?: number } | null)?.status === 404;

  async function duplicate() {
    setDuplicating(true);
    setError(null);
    try {
      const copy = await api.duplicateTemplate(props.id);
      navigate(`/templates/${copy.id}`, { state: { notice: t("tpl.duplicated", { name: copy.name }) } });
    } catch (err) {
      setError(emailErrorText(err));
    } finally {
      setDuplicating(false);
    }
  }

  async function remove() {
    setBusy(true);
    setDeleteError(null);
    try {
      const name = template.data()!.name;
      await api.deleteTemplate(props.id);
      navigate("/templates", { replace: true, state: { notice: t("tpl.deleted", { name }) } });
    } catch (err) {
      setDeleteError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <BackLink href="/templates" label={t("tpl.back")} />
      <PageHeader
        title={template.data()?.name ?? t("tpl.title")}
        subtitle={template.data() ? t("tpl.fieldsUsed", { fields: template.data()!.fields.map((f) => `{{${f}}}`).join(", ") || t("tpl.noFields") }) : undefined}
        action={
          <Show when={can("campaigns.edit") && template.data()}>
            <button type="button" class="btn btn-secondary" disabled={duplicating()} onClick={() => void duplicate()}>
              {duplicating() ? t("tpl.duplicating") : t("tpl.duplicate")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Notice tone="error" text={error()} onDismiss={() => setError(null)} />
      <Show when={notFound()} fallback={<LoadState loading={template.loading()} error={template.error()} onRetry={() => void template.reload()} />}>
        <EmptyState body={t("tpl.notFound")} />
      </Show>
      <Show when={template.data()}>
        {(tp) => (
          <>
            <section class="section" aria-labelledby="tpl-editor">
              <h2 id="tpl-editor" class="section-title">
                {t("tpl.editor")}
              </h2>
              <TemplateEditor
                template={tp()}
                canEdit={can("campaigns.edit")}
                onSaved={(next) => {
                  template.setData(next);
                  setVersion((n) => n + 1);
                }}
              />
            </section>
            <PreviewPanel load={(contactId) => api.previewTemplate(props.id, contactId)} version={version()} canPickContact={can("contacts.read")} />
            <Show when={can("campaigns.edit")}>
              <DangerZone title={t("tpl.deleteSection")} hint={t("tpl.deleteHint")} action={t("tpl.delete")} onAction={() => (setDeleteError(null), setDeleting(true))} />
            </Show>
            <Dialog open={deleting()} title={t("tpl.delete")} onClose={() => setDeleting(false)}>
              <ConfirmStep
                lines={[t("tpl.deleteSummary1", { name: tp().name }), t("tpl.deleteSummary2")]}
                confirmLabel={t("tpl.delete")}
                busyLabel={t("tpl.deleting")}
                busy={busy()}
                danger
                error={deleteError()}
                onBack={() => setDeleting(false)}
                onConfirm={() => void remove()}
              />
            </Dialog>
          </>
        )}
      </Show>
    </Show>
  );
}
