/**
 * One segment (or a new one at /contacts/segments/new). Roles that edit contacts get the builder
 * with its live count and, for a saved segment, "Eliminar segmento" after a summary; a viewer
 * sees the live count and the conditions in words.
 */
import { For, Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api, type SegmentOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { errorText } from "../lib/errors";
import { formatNumber } from "../lib/format";
import { describe } from "../lib/segments";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import KpiCard from "../components/KpiCard";
import SegmentBuilder from "../components/SegmentBuilder";
import DangerZone from "../components/DangerZone";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";

export default function SegmentPage(props: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const isNew = () => props.id === "new";
  const segment = createLoader(() => api.segment(props.id), can("contacts.read") && !isNew());
  const lists = createLoader(() => api.lists(), can("contacts.read"));
  const fields = createLoader(() => api.fields(), can("contacts.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [deleting, setDeleting] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  const ready = () => (isNew() || segment.data()) && lists.data() && fields.data();
  const notFound = () => (segment.error() as { status?: number } | null)?.status === 404;

  function saved(s: SegmentOut) {
    if (isNew()) navigate(`/contacts/segments/${s.id}`, { replace: true, state: { notice: t("segment.saved", { name: s.name }) } });
    else {
      segment.setData(s);
      setNotice(t("segment.saved", { name: s.name }));
    }
  }

  async function remove() {
    const s = segment.data();
    if (!s) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await api.deleteSegment(s.id);
      navigate("/contacts/segments", { replace: true, state: { notice: t("segment.deleted", { name: s.name }) } });
    } catch (err) {
      setDeleteError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={can("contacts.read") && (can("contacts.edit") || !isNew())} fallback={<NoAccess />}>
      <BackLink href="/contacts/segments" label={t("aud.backToSegments")} />
      <PageHeader title={isNew() ? t("segment.newTitle") : (segment.data()?.name ?? t("segments.title"))} />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Show when={notFound()} fallback={<LoadState loading={segment.loading() || lists.loading() || fields.loading()} error={segment.error() ?? lists.error() ?? fields.error()} onRetry={() => void segment.reload()} />}>
        <EmptyState body={t("aud.notFound")} />
      </Show>
      <Show when={ready()}>
        <Show
          when={can("contacts.edit")}
          fallback={
            <Show when={segment.data()}>
              {(s) => (
                <>
                  <div class="kpi-grid">
                    <KpiCard label={t("segment.count")} value={formatNumber(s().count)} detail={t("segment.countDetail")} testId="segment-count" />
                  </div>
                  <section class="section" aria-labelledby="segment-definition">
                    <h2 id="segment-definition" class="section-title">
                      {t("segment.definition")} · {t(`segment.match.${s().definition.match}`)}
                    </h2>
                    <ul class="rule-list">
                      <For each={s().definition.conditions}>{(c) => <li>{describe(c, lists.data()!.lists, fields.data()!.fields)}</li>}</For>
                    </ul>
                  </section>
                </>
              )}
            </Show>
          }
        >
          <SegmentBuilder segment={segment.data()} lists={lists.data()!.lists} fields={fields.data()!.fields} onSaved={saved} />
          <Show when={segment.data()}>
            {(s) => (
              <>
                <DangerZone title={t("segment.deleteSection")} hint={t("segment.deleteHint")} action={t("segment.delete")} onAction={() => (setDeleteError(null), setDeleting(true))} />
                <Dialog open={deleting()} title={t("segment.delete")} onClose={() => setDeleting(false)}>
                  <ConfirmStep
                    lines={[t("segment.deleteSummary", { name: s().name, count: formatNumber(s().count) })]}
                    confirmLabel={t("segment.delete")}
                    busyLabel={t("segment.deleting")}
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
      </Show>
    </Show>
  );
}
