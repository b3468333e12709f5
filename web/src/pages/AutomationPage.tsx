/**
 * One automation (or a new one at /automations/new): its state and trigger in words, "Activar"
 * (after a confirmation that says credit is spent per email and SMS) or "Pausar"; once it has
 * run, its live figures per step and the contacts that entered; then the builder (disabled while
 * active, since the API refuses edits then) and, for a draft or paused one, "Eliminar". An
 * automation whose steps branch in ways the builder cannot show is shown read-only as JSON.
 */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api, type AutomationOut } from "../lib/api";
import { fromAutomation } from "../lib/automation-saved";
import { resendState } from "../lib/automation-builder";
import { loadAutomationRefs } from "../lib/automation-refs";
import { describeTrigger } from "../lib/automation-words";
import { errorText } from "../lib/errors";
import { formatNumber } from "../lib/format";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import DangerZone from "../components/DangerZone";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";
import AutomationBuilder from "../components/AutomationBuilder";
import AutomationLive from "../components/AutomationLive";
import AutomationRuns from "../components/AutomationRuns";
import AutomationStatusBadge from "../components/AutomationStatusBadge";
import "../styles/automations.css";

export default function AutomationPage(props: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const isNew = () => props.id === "new";
  const automation = createLoader(() => api.automation(props.id), can("campaigns.read") && !isNew());
  // "/automations/new?reenviar=<campaign>": start from a resend to the campaign's non-openers (B4).
  const resendOf = new URLSearchParams(location.search).get("reenviar");
  const resend = createLoader(() => api.campaign(resendOf!), isNew() && resendOf !== null);
  const refs = createLoader(() => loadAutomationRefs(), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [dialog, setDialog] = createSignal<"activate" | "delete" | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [actionError, setActionError] = createSignal<string | null>(null);
  const [refresh, setRefresh] = createSignal(0);
  const [dirty, setDirty] = createSignal(false);
  const ready = () => (isNew() ? resendOf === null || resend.data() || resend.error() : automation.data()) && refs.data();
  const initialNew = () => {
    const c = resend.data();
    return c && c.channel !== "sms" ? resendState(c, t("au.resendName", { name: c.name })) : null;
  };
  const notFound = () => (automation.error() as { status?: number } | null)?.status === 404;
  const status = () => automation.data()?.status ?? "draft";
  const trigger = () => {
    const a = automation.data();
    const r = refs.data();
    return a && r ? describeTrigger(a.trigger, r.names) : "";
  };

  function saved(a: AutomationOut) {
    if (isNew()) navigate(`/automations/${a.id}`, { replace: true, state: { notice: t("au.created", { name: a.name }) } });
    else {
      automation.setData(a);
      setNotice(t("au.saved", { name: a.name }));
    }
  }

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setActionError(null);
    try {
      await work();
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  const activate = () =>
    act(async () => {
      automation.setData(await api.activateAutomation(props.id));
      setDialog(null);
      setNotice(t("au.activated"));
    });
  const pause = () =>
    act(async () => {
      automation.setData(await api.pauseAutomation(props.id));
      setNotice(t("au.pausedNotice"));
    });
  const remove = () =>
    act(async () => {
      const a = automation.data()!;
      await api.deleteAutomation(a.id);
      navigate("/automations", { replace: true, state: { notice: t("au.deleted", { name: a.name }) } });
    });

  const action = () => (
    <Show when={automation.data() && can("campaigns.send")}>
      <Show
        when={status() === "active"}
        fallback={
          <button type="button" class="btn btn-primary" onClick={() => (setActionError(null), setDialog("activate"))}>
            {t("au.activate")}
          </button>
        }
      >
        <button type="button" class="btn btn-secondary" disabled={busy()} onClick={() => void pause()}>
          {busy() ? t("au.pausing") : t("au.pause")}
        </button>
      </Show>
    </Show>
  );

  return (
    <Show when={can("campaigns.read") && (can("campaigns.edit") || !isNew())} fallback={<NoAccess />}>
      <BackLink href="/automations" label={t("au.title")} />
      <PageHeader title={isNew() ? t("au.newTitle") : (automation.data()?.name ?? t("au.title"))} action={action()} />
      <Show when={automation.data() && refs.data()}>
        <p class="automation-meta">
          <AutomationStatusBadge status={status()} />
          <span>{trigger()}</span>
        </p>
      </Show>
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Show when={!dialog() && actionError()}>
        <Notice tone="error" text={actionError()} onDismiss={() => setActionError(null)} />
      </Show>
      <Show when={notFound()} fallback={<LoadState loading={automation.loading() || refs.loading()} error={automation.error() ?? refs.error()} onRetry={() => void automation.reload()} />}>
        <EmptyState body={t("aud.notFound")} />
      </Show>
      <Show when={ready()}>
        <Show when={automation.data()?.activatedAt}>
          <AutomationLive automationId={props.id} steps={automation.data()!.steps} names={refs.data()!.names} onChange={() => setRefresh((n) => n + 1)} />
          <AutomationRuns automationId={props.id} steps={automation.data()!.steps} refresh={refresh()} />
        </Show>
        <Show when={status() === "active"}>
          <p class="notice notice-info automation-locked">{t("au.activeLocked")}</p>
        </Show>
        <Show
          when={isNew() || fromAutomation(automation.data()!)}
          fallback={
            <section class="section" aria-labelledby="au-readonly">
              <h2 id="au-readonly" class="section-title">
                {t("au.readonly.title")}
              </h2>
              <p class="muted">{t("au.readonly.note")}</p>
              <pre class="code-sample" data-testid="automation-json">
                {JSON.stringify({ trigger: automation.data()!.trigger, steps: automation.data()!.steps }, null, 2)}
              </pre>
            </section>
          }
        >
          <AutomationBuilder
            automationId={isNew() ? null : props.id}
            initial={isNew() ? initialNew() : fromAutomation(automation.data()!)}
            refs={refs.data()!}
            locked={status() === "active" || !can("campaigns.edit")}
            onSaved={saved}
            onDirty={setDirty}
          />
        </Show>
        <Show when={automation.data() && status() !== "active" && can("campaigns.edit")}>
          <DangerZone title={t("au.deleteSection")} hint={t("au.deleteHint")} action={t("au.delete")} onAction={() => (setActionError(null), setDialog("delete"))} />
        </Show>
      </Show>
      <Dialog open={dialog() === "activate"} title={t("au.activateTitle")} onClose={() => setDialog(null)}>
        <ConfirmStep
          lines={[
            t("au.activateSummary", { trigger: trigger(), name: automation.data()?.name ?? "", steps: formatNumber(automation.data()?.steps.length ?? 0) }),
            t("au.activateCredit"),
            ...(dirty() ? [t("au.activateUnsaved")] : []),
          ]}
          confirmLabel={t("au.activate")}
          busyLabel={t("au.activating")}
          busy={busy()}
          error={actionError()}
          onBack={() => setDialog(null)}
          onConfirm={() => void activate()}
        />
      </Dialog>
      <Dialog open={dialog() === "delete"} title={t("au.delete")} onClose={() => setDialog(null)}>
        <ConfirmStep
          lines={[t("au.deleteSummary", { name: automation.data()?.name ?? "" })]}
          confirmLabel={t("au.delete")}
          busyLabel={t("au.deleting")}
          busy={busy()}
          danger
          error={actionError()}
          onBack={() => setDialog(null)}
          onConfirm={() => void remove()}
        />
      </Dialog>
    </Show>
  );
}
