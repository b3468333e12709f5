/**
 * Supresión: the emails, phones and domains never sent to, keyset paged and filterable by kind,
 * with "Exportar CSV" for everyone and, for roles that edit contacts, "Agregar a supresión" and
 * "Quitar" (after a summary of what lifting it means).
 */
import { Show, createEffect, createSignal, createUniqueId, on } from "solid-js";
import { t } from "../i18n";
import { api, type SuppressionKind, type SuppressionOut } from "../lib/api";
import { createPaged } from "../lib/paged";
import { can } from "../lib/session";
import { errorText } from "../lib/errors";
import PageHeader from "../components/PageHeader";
import AudienceTabs from "../components/AudienceTabs";
import SuppressionTable from "../components/SuppressionTable";
import SuppressionForm from "../components/SuppressionForm";
import LoadState from "../components/LoadState";
import LoadMore from "../components/LoadMore";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";

export default function SuppressionPage() {
  const id = `supp-${createUniqueId()}`;
  const [kind, setKind] = createSignal<SuppressionKind | "">("");
  const page = createPaged<SuppressionOut>(async (cursor) => {
    const res = await api.suppressions(kind(), cursor);
    return { entries: res.suppressions, nextCursor: res.nextCursor };
  });
  createEffect(on(kind, () => can("contacts.read") && void page.reload()));
  const [adding, setAdding] = createSignal(false);
  const [removing, setRemoving] = createSignal<SuppressionOut | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [removeError, setRemoveError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);

  async function remove() {
    const s = removing();
    if (!s) return;
    setBusy(true);
    setRemoveError(null);
    try {
      await api.removeSuppression(s.kind, s.value);
      page.setItems((items) => items.filter((x) => !(x.kind === s.kind && x.value === s.value)));
      setRemoving(null);
      setNotice(t("supp.removed", { value: s.value }));
    } catch (err) {
      setRemoveError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("supp.title")}
        subtitle={t("supp.subtitle")}
        action={
          <Show when={can("contacts.edit")}>
            <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
              {t("supp.add")}
            </button>
          </Show>
        }
      />
      <AudienceTabs />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <div class="toolbar">
        <div class="field field-inline">
          <label for={`${id}-kind`}>{t("supp.filterKind")}</label>
          <select id={`${id}-kind`} value={kind()} onChange={(e) => setKind(e.currentTarget.value as SuppressionKind | "")}>
            <option value="">{t("supp.kind.all")}</option>
            <option value="email">{t("supp.kind.email")}</option>
            <option value="phone">{t("supp.kind.phone")}</option>
            <option value="domain">{t("supp.kind.domain")}</option>
          </select>
        </div>
        <a class="btn btn-secondary" href={api.suppressionsExportUrl()} download="">
          {t("supp.export")}
        </a>
      </div>
      <LoadState loading={page.loading() && !page.loaded()} error={page.error()} onRetry={() => void page.reload()} />
      <Show when={page.loaded()}>
        <Show when={page.items().length > 0} fallback={<EmptyState body={can("contacts.edit") ? t("supp.empty") : t("supp.emptyViewer")} />}>
          <SuppressionTable items={page.items()} canEdit={can("contacts.edit")} onRemove={(s) => (setRemoveError(null), setRemoving(s))} />
        </Show>
        <LoadMore hasMore={page.hasMore()} loading={page.loading()} onLoad={() => void page.loadMore()} count={page.items().length} />
      </Show>

      <Dialog open={adding()} title={t("supp.form.title")} onClose={() => setAdding(false)}>
        <SuppressionForm
          onCancel={() => setAdding(false)}
          onAdded={(s) => {
            setAdding(false);
            setNotice(t("supp.added", { value: s.value }));
            void page.reload();
          }}
        />
      </Dialog>
      <Dialog open={!!removing()} title={t("supp.removeTitle")} onClose={() => setRemoving(null)}>
        <Show when={removing()}>
          {(s) => (
            <ConfirmStep
              lines={[t("supp.removeSummary1", { value: s().value }), t("supp.removeSummary2")]}
              confirmLabel={t("supp.remove")}
              busyLabel={t("supp.removing")}
              busy={busy()}
              danger
              error={removeError()}
              onBack={() => setRemoving(null)}
              onConfirm={() => void remove()}
            />
          )}
        </Show>
      </Dialog>
    </Show>
  );
}
