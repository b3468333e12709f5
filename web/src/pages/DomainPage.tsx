/**
 * One sending domain: whether it can be sent from, the exact DNS records to publish with copy
 * buttons, and what the last check found and why it fails. "Verificar" (owner/admin) asks DNS
 * now; "Eliminar dominio" lives in the danger zone and asks first.
 */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { errorText } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import DangerZone from "../components/DangerZone";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";
import DomainRecords from "../components/DomainRecords";
import DomainCheckResult from "../components/DomainCheckResult";

export default function DomainPage(props: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const domain = createLoader(() => api.domain(props.id), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [error, setError] = createSignal<string | null>(null);
  const [checking, setChecking] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  const notFound = () => (domain.error() as { status?: number } | null)?.status === 404;

  async function check() {
    setChecking(true);
    setError(null);
    setNotice(null);
    try {
      domain.setData(await api.checkDomain(props.id));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setChecking(false);
    }
  }

  async function remove() {
    setBusy(true);
    setDeleteError(null);
    try {
      const name = domain.data()!.domain;
      await api.deleteDomain(props.id);
      navigate("/domains", { replace: true, state: { notice: t("dom.deleted", { domain: name }) } });
    } catch (err) {
      setDeleteError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <BackLink href="/domains" label={t("dom.back")} />
      <PageHeader
        title={domain.data()?.domain ?? t("dom.title")}
        subtitle={domain.data() ? t("dom.selector", { selector: domain.data()!.selector }) : undefined}
        action={
          <Show when={can("users.manage") && domain.data()}>
            <button type="button" class="btn btn-primary" disabled={checking()} onClick={() => void check()}>
              {checking() ? t("dom.checking") : t("dom.check")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Notice tone="error" text={error()} onDismiss={() => setError(null)} />
      <Show when={notFound()} fallback={<LoadState loading={domain.loading()} error={domain.error()} onRetry={() => void domain.reload()} />}>
        <EmptyState body={t("dom.notFound")} />
      </Show>
      <Show when={domain.data()}>
        {(d) => (
          <>
            <div role="status" class={`notice ${d().verified ? "notice-success" : "notice-info"}`} data-testid="domain-state">
              <p>{d().verified ? t("dom.verifiedBanner", { domain: d().domain }) : t("dom.unverifiedBanner", { domain: d().domain })}</p>
            </div>
            <section class="section" aria-labelledby="dom-records">
              <h2 id="dom-records" class="section-title">
                {t("dom.records")}
              </h2>
              <p class="muted small section-hint">{t("dom.recordsHint", { example: `${d().selector}._domainkey` })}</p>
              <DomainRecords domain={d().domain} records={d().records} />
            </section>
            <section class="section" aria-labelledby="dom-check" aria-busy={checking()}>
              <h2 id="dom-check" class="section-title">
                {t("dom.checkTitle")}
              </h2>
              <Show when={d().checkedAt}>
                <p class="muted small section-hint">{t("dom.checkedAt", { date: formatDateTime(d().checkedAt) })}</p>
              </Show>
              <Show when={!can("users.manage")}>
                <p class="muted small section-hint">{t("dom.viewerHint")}</p>
              </Show>
              <DomainCheckResult domain={d()} />
            </section>
            <Show when={can("users.manage")}>
              <DangerZone title={t("dom.deleteSection")} hint={t("dom.deleteHint")} action={t("dom.delete")} onAction={() => (setDeleteError(null), setDeleting(true))} />
            </Show>
            <Dialog open={deleting()} title={t("dom.delete")} onClose={() => setDeleting(false)}>
              <ConfirmStep
                lines={[t("dom.deleteSummary1", { domain: d().domain }), t("dom.deleteSummary2", { domain: d().domain })]}
                confirmLabel={t("dom.delete")}
                busyLabel={t("dom.deleting")}
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
