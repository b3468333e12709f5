/**
 * One list: its live counts as KPI cards, the cleaning report with "Depurar ahora" (the send-day
 * cleaning, whose summary is shown), the hosted form's address and embed code, its imports, and
 * the primary action "Importar contactos". Deleting the list (members only) asks first.
 */
import { Show, createSignal } from "solid-js";
import { A, useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api, type SendCheck } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { errorText } from "../lib/errors";
import { formatNumber } from "../lib/format";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import KpiCard from "../components/KpiCard";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import CleaningReport from "../components/CleaningReport";
import CopyField from "../components/CopyField";
import ImportsTable from "../components/ImportsTable";
import DangerZone from "../components/DangerZone";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";

export default function ListPage(props: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const list = createLoader(() => api.list(props.id), can("contacts.read"));
  const cleaning = createLoader(() => api.listCleaning(props.id), can("contacts.read"));
  const imports = createLoader(() => api.listImports(props.id), can("contacts.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [cleaningNow, setCleaningNow] = createSignal(false);
  const [cleanResult, setCleanResult] = createSignal<SendCheck | null>(null);
  const [cleanError, setCleanError] = createSignal<string | null>(null);
  const [deleting, setDeleting] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  const notFound = () => (list.error() as { status?: number } | null)?.status === 404;

  async function cleanNow() {
    setCleaningNow(true);
    setCleanError(null);
    setCleanResult(null);
    try {
      const result = await api.validateList(props.id);
      // The counts change with the cleaning: show them and its summary together.
      const [l, c] = await Promise.all([api.list(props.id), api.listCleaning(props.id)]);
      list.setData(l);
      cleaning.setData(c);
      setCleanResult(result);
    } catch (err) {
      setCleanError(errorText(err));
    } finally {
      setCleaningNow(false);
    }
  }

  async function remove() {
    setBusy(true);
    setDeleteError(null);
    try {
      const name = list.data()!.name;
      await api.deleteList(props.id);
      navigate("/contacts/lists", { replace: true, state: { notice: t("list.deleted", { name }) } });
    } catch (err) {
      setDeleteError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const embed = (url: string) => `<iframe src="${url}?embed=1" title="${list.data()?.name.replace(/"/g, "&quot;") ?? ""}" width="100%" height="560" style="border:0"></iframe>`;

  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <BackLink href="/contacts/lists" label={t("aud.backToLists")} />
      <PageHeader
        title={list.data()?.name ?? t("lists.title")}
        subtitle={list.data()?.description ?? undefined}
        action={
          <Show when={can("contacts.edit") && list.data()}>
            <A class="btn btn-primary" href={`/contacts/lists/${props.id}/import`}>
              {t("list.import")}
            </A>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Show when={notFound()} fallback={<LoadState loading={list.loading()} error={list.error()} onRetry={() => void list.reload()} />}>
        <EmptyState body={t("aud.notFound")} />
      </Show>
      <Show when={list.data()}>
        {(l) => (
          <>
            <div class="kpi-grid">
              <KpiCard label={t("list.kpi.members")} value={formatNumber(l().counts.members)} detail={t("list.kpi.membersDetail")} testId="kpi-members" />
              <KpiCard label={t("list.kpi.email")} value={formatNumber(l().counts.subscribed)} detail={t("list.kpi.emailDetail")} testId="kpi-email" />
              <KpiCard label={t("list.kpi.sms")} value={formatNumber(l().counts.sms)} detail={t("list.kpi.smsDetail")} testId="kpi-sms" />
            </div>

            <section class="section" aria-labelledby="list-cleaning">
              <div class="section-head">
                <div>
                  <h2 id="list-cleaning" class="section-title">
                    {t("list.cleaning")}
                  </h2>
                  <p class="muted small section-hint">{t("list.cleaningHint")}</p>
                </div>
                <Show when={can("contacts.edit")}>
                  <button type="button" class="btn btn-secondary" disabled={cleaningNow()} onClick={() => void cleanNow()}>
                    {cleaningNow() ? t("list.cleaningNow") : t("list.cleanNow")}
                  </button>
                </Show>
              </div>
              <Show when={cleanResult()}>
                {(r) => (
                  <div class="notice notice-info" role="status" data-testid="clean-result">
                    <div>
                      <p class="cell-strong">{t("list.cleanResult", { total: formatNumber(r().total), sendable: formatNumber(r().email.sendable) })}</p>
                      <p class="small">
                        {t("list.cleanResultDetail", {
                          suppressed: formatNumber(r().email.suppressed),
                          unsubscribed: formatNumber(r().email.unsubscribed),
                          invalid: formatNumber(r().email.invalid),
                          noAddress: formatNumber(r().email.noAddress),
                          domains: formatNumber(r().domainsLookedUp),
                        })}
                      </p>
                    </div>
                    <button type="button" class="btn btn-ghost btn-small" onClick={() => setCleanResult(null)}>
                      {t("common.close")}
                    </button>
                  </div>
                )}
              </Show>
              <Notice tone="error" text={cleanError()} onDismiss={() => setCleanError(null)} />
              <LoadState loading={cleaning.loading()} error={cleaning.error()} onRetry={() => void cleaning.reload()} />
              <Show when={cleaning.data()}>{(c) => <CleaningReport report={c()} />}</Show>
            </section>

            <section class="section" aria-labelledby="list-form">
              <h2 id="list-form" class="section-title">
                {t("list.form")}
              </h2>
              <div class="card form-card">
                <p class="muted small">{t("list.formHint")}</p>
                <p class="small">{l().doubleOptIn ? t("list.doubleOptInOn") : t("list.doubleOptInOff")}</p>
                <CopyField label={t("list.formUrl")} value={l().formUrl} copyLabel={t("list.copyUrl")} testId="form-url" />
                <CopyField label={t("list.embed")} value={embed(l().formUrl)} copyLabel={t("list.copyEmbed")} multiline testId="form-embed" />
              </div>
            </section>

            <section class="section" aria-labelledby="list-imports">
              <h2 id="list-imports" class="section-title">
                {t("list.imports")}
              </h2>
              <LoadState loading={imports.loading()} error={imports.error()} onRetry={() => void imports.reload()} />
              <Show when={imports.data()}>
                {(d) => (
                  <Show when={d().imports.length > 0} fallback={<EmptyState body={t("list.importsEmpty")} />}>
                    <ImportsTable imports={d().imports} listId={props.id} canEdit={can("contacts.edit")} />
                  </Show>
                )}
              </Show>
            </section>

            <Show when={can("contacts.edit")}>
              <DangerZone title={t("list.deleteSection")} hint={t("list.deleteHint")} action={t("list.delete")} onAction={() => (setDeleteError(null), setDeleting(true))} />
            </Show>
            <Dialog open={deleting()} title={t("list.delete")} onClose={() => setDeleting(false)}>
              <ConfirmStep
                lines={[t("list.deleteSummary1", { name: l().name, members: formatNumber(l().counts.members) }), t("list.deleteSummary2")]}
                confirmLabel={t("list.delete")}
                busyLabel={t("list.deleting")}
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
