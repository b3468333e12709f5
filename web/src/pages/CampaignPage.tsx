/**
 * One campaign: its state, the send-time indicator (polled every 2 s while it is scheduled or
 * sending), the reason it stopped, its details and its preview on three screens. The actions
 * follow the state and the role: "Enviar ahora" / "Programar envío" (each confirmed with how
 * many contacts and credits), "Pausar", "Reanudar", "Cancelar campaña"; "Editar" for drafts;
 * "Reenviar N no confirmados" when messages were lost to a platform fault (C1). An A/B test
 * shows each version's sample and the winner (B3). Once sent, the live counters and the
 * "Análisis" section (opens over time, the Lima heatmap, peak hours: W3), then "Destinatarios":
 * who opened, when, how many times, who clicked, with CSV downloads. An SMS campaign
 * shows instead who the send-day cleaning left out and why, its live counters and recipients
 * (refreshed with the live frames), its text, and a test form for mobile numbers.
 */
import { Show, createSignal, onCleanup } from "solid-js";
import { A, useLocation } from "@solidjs/router";
import { t } from "../i18n";
import { api, type CampaignOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { formatDateTime, formatNumber } from "../lib/format";
import { audienceText, emailErrorText, limaLocalToIso } from "../lib/email";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";
import CampaignStatusBadge from "../components/CampaignStatusBadge";
import CampaignFacts from "../components/CampaignFacts";
import CampaignForm from "../components/CampaignForm";
import SendProgress from "../components/SendProgress";
import ScheduleForm from "../components/ScheduleForm";
import PreviewPanel from "../components/PreviewPanel";
import AbResults from "../components/AbResults";
import ResendUnknown from "../components/ResendUnknown";
import CampaignPublish from "../components/CampaignPublish";
import CampaignSocial from "../components/CampaignSocial";
import SmsCampaignForm from "../components/SmsCampaignForm";
import SmsCampaignText from "../components/SmsCampaignText";
import { campaignReasonText, smsReach, smsSendEstimate } from "../lib/sms-campaign";
import ThrottleNotice from "../components/ThrottleNotice";
import LiveCounters from "../components/LiveCounters";
import SmsLiveCounters from "../components/SmsLiveCounters";
import SmsRecipients from "../components/SmsRecipients";
import SmsDropped from "../components/SmsDropped";
import SmsTestSendForm from "../components/SmsTestSendForm";
import CampaignAnalytics from "../components/CampaignAnalytics";
import CampaignRecipients from "../components/CampaignRecipients";

type Step = "send" | "schedule" | "scheduleConfirm" | "pause" | "resume" | "cancel" | "edit";

export default function CampaignPage(props: { id: string }) {
  const location = useLocation<{ notice?: string }>();
  const campaign = createLoader(() => api.campaign(props.id), can("campaigns.read"));
  const [held, setHeld] = createSignal(false);
  const templates = createLoader(() => api.templates(), can("campaigns.read"));
  const lists = createLoader(() => api.lists().catch(() => ({ lists: [] })), can("campaigns.read"));
  const segments = createLoader(() => api.segments().catch(() => ({ segments: [] })), can("campaigns.read"));
  const [balance, setBalance] = createSignal<number | null>(null);
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [step, setStep] = createSignal<Step | null>(null);
  const [at, setAt] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [actionError, setActionError] = createSignal<string | null>(null);
  const [version, setVersion] = createSignal(0);
  const [frames, setFrames] = createSignal(0);
  const notFound = () => (campaign.error() as { status?: number } | null)?.status === 404;
  const status = () => campaign.data()?.status;
  const polling = () => status() === "sending" || status() === "scheduled";

  // Send-time indicator: poll every 2 s while the campaign is scheduled or sending.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  async function poll() {
    if (stopped) return;
    if (polling()) {
      try {
        const next = await api.campaign(props.id);
        if (!stopped) campaign.setData(next);
      } catch {
        /* a missed poll is retried on the next tick */
      }
    }
    if (!stopped) timer = setTimeout(() => void poll(), 2000);
  }
  timer = setTimeout(() => void poll(), 2000);
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
  });

  const templateName = (c: CampaignOut) => templates.data()?.templates.find((tp) => tp.id === c.templateId)?.name ?? (templates.data() ? t("camp.d.deletedTemplate") : "");
  const audience = (c: CampaignOut) => audienceText(c, lists.data()?.lists ?? [], segments.data()?.segments ?? []);

  /** How many will get it: exact once the server counted it, else lists' subscribed counts (aprox.). */
  const reach = (c: CampaignOut): { count: number; approx: boolean } => {
    if (c.progress.total > 0) return { count: c.progress.total, approx: false };
    const l = lists.data()?.lists ?? [];
    const s = segments.data()?.segments ?? [];
    const count = c.audience.listIds.reduce((n, id) => n + (l.find((x) => x.id === id)?.counts.subscribed ?? 0), 0) + c.audience.segmentIds.reduce((n, id) => n + (s.find((x) => x.id === id)?.count ?? 0), 0);
    return { count, approx: c.audience.segmentIds.length > 0 || c.audience.listIds.length > 1 };
  };
  const summary = (c: CampaignOut, when: string | null): string[] => {
    if (c.channel === "sms") return smsSummary(c, when);
    const r = reach(c);
    const lines = [t(r.approx ? "camp.summary.approx" : "camp.summary.exact", { count: formatNumber(r.count) }), t("camp.summary.subject", { subject: c.subject })];
    lines.push(when ? t("camp.summary.at", { date: formatDateTime(limaLocalToIso(when)) }) : t("camp.summary.now"));
    if (balance() !== null) lines.push(t("camp.summary.balance", { balance: formatNumber(balance()!) }));
    return lines;
  };

  /** "Se enviará a N contactos; se descontarán ~M créditos" (lib/sms-campaign.ts). */
  const smsSummary = (c: CampaignOut, when: string | null): string[] => {
    const r = c.progress.total > 0 ? { count: c.progress.total, approx: false } : smsReach(c.audience, lists.data()?.lists ?? [], segments.data()?.segments ?? []);
    const e = smsSendEstimate(c, r.count);
    const lines = [t(r.approx ? "smsCamp.summaryApprox" : "smsCamp.summary", { count: formatNumber(e.count), credits: formatNumber(e.credits) })];
    lines.push(when ? t("camp.summary.at", { date: formatDateTime(limaLocalToIso(when)) }) : t("camp.summary.now"));
    if (balance() !== null) lines.push(t("smsCamp.balance", { balance: formatNumber(balance()!) }));
    return lines;
  };

  function open(s: Step) {
    setActionError(null);
    setStep(s);
    if ((s === "send" || s === "schedule") && can("credits.read"))
      api
        .credits()
        .then((cr) => setBalance(campaign.data()?.channel === "sms" ? cr.me.sms.available : cr.me.email.available))
        .catch(() => setBalance(null));
  }

  async function act(s: Step) {
    setBusy(true);
    setActionError(null);
    try {
      let next: CampaignOut;
      let message: string;
      if (s === "send") (next = await api.sendCampaign(props.id)), (message = t("camp.sentNotice"));
      else if (s === "scheduleConfirm") {
        next = await api.scheduleCampaign(props.id, at(), "America/Lima");
        message = t("camp.scheduledNotice", { date: formatDateTime(next.scheduledAt) });
      } else if (s === "pause") (next = await api.pauseCampaign(props.id)), (message = t("camp.pausedNotice"));
      else if (s === "resume") (next = await api.resumeCampaign(props.id)), (message = t("camp.resumedNotice"));
      else (next = await api.cancelCampaign(props.id)), (message = t("camp.cancelledNotice"));
      campaign.setData(next);
      setStep(null);
      setNotice(message);
    } catch (err) {
      setActionError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  const primary = (c: CampaignOut) => {
    if (!can("campaigns.send")) return null;
    if (c.status === "draft" || c.status === "scheduled")
      return (
        <button type="button" class="btn btn-primary" onClick={() => open("send")}>
          {t("camp.sendNow")}
        </button>
      );
    if (c.status === "sending")
      return (
        <button type="button" class="btn btn-primary" onClick={() => open("pause")}>
          {t("camp.pause")}
        </button>
      );
    if (c.status === "paused")
      return (
        <button type="button" class="btn btn-primary" onClick={() => open("resume")}>
          {t("camp.resume")}
        </button>
      );
    return null;
  };

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <BackLink href="/campaigns" label={t("camp.back")} />
      <PageHeader title={campaign.data()?.name ?? t("camp.title")} action={campaign.data() ? primary(campaign.data()!) ?? undefined : undefined} />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Show when={notFound()} fallback={<LoadState loading={campaign.loading()} error={campaign.error()} onRetry={() => void campaign.reload()} />}>
        <EmptyState body={t("camp.notFound")} />
      </Show>
      <Show when={campaign.data()}>
        {(c) => (
          <>
            <div class="campaign-state">
              <CampaignStatusBadge status={c().status} />
              <Show when={c().status === "scheduled" && c().scheduledAt}>
                <span class="muted">{t("camp.summary.at", { date: formatDateTime(c().scheduledAt) })}</span>
              </Show>
              <div class="campaign-controls">
                <Show when={can("campaigns.edit") && (c().status === "draft" || c().status === "scheduled")}>
                  <button type="button" class="btn btn-secondary" onClick={() => open("edit")}>
                    {t("camp.edit")}
                  </button>
                </Show>
                <Show when={can("campaigns.send") && (c().status === "draft" || c().status === "scheduled")}>
                  <button type="button" class="btn btn-secondary" onClick={() => open("schedule")}>
                    {t("camp.schedule")}
                  </button>
                </Show>
                <Show when={can("campaigns.send") && c().status === "scheduled"}>
                  <button type="button" class="btn btn-secondary" onClick={() => open("pause")}>
                    {t("camp.pause")}
                  </button>
                </Show>
                <Show when={can("campaigns.send") && c().status === "sent" && c().progress.unknown > 0}>
                  <ResendUnknown campaign={c()} onDone={(next, message) => (campaign.setData(next), setNotice(message))} />
                </Show>
                <Show when={can("campaigns.send") && (c().status === "scheduled" || c().status === "sending" || c().status === "paused")}>
                  <button type="button" class="btn btn-danger-outline" onClick={() => open("cancel")}>
                    {t("camp.cancel")}
                  </button>
                </Show>
              </div>
            </div>
            <Show when={(c().status === "paused" || c().status === "failed") && campaignReasonText(c())}>
              {(reason) => (
                <div class="notice notice-error" role="status" data-testid="pause-reason">
                  <p>{t("camp.pauseReason", { reason: reason() })}</p>
                </div>
              )}
            </Show>
            <ThrottleNotice campaignId={props.id} active={c().status === "sending"} onHeld={setHeld} />
            <Show when={!can("campaigns.send") && (c().status === "draft" || c().status === "scheduled")}>
              <p class="muted small">{t("camp.readOnly")}</p>
            </Show>
            <Show when={c().status !== "draft" && (c().progress.total > 0 || c().status === "sending")}>
              <section class="section" aria-labelledby="camp-progress">
                <h2 id="camp-progress" class="section-title">
                  {t("camp.progress")}
                </h2>
                <SendProgress campaign={c()} live={polling()} held={held()} />
                <Show when={c().progress.unknown > 0}>
                  <p class="muted small">{t("resend.unknownNote", { count: formatNumber(c().progress.unknown) })}</p>
                </Show>
              </section>
            </Show>
            <Show when={c().status !== "draft"}>
              <Show when={c().channel === "sms"} fallback={<LiveCounters campaignId={props.id} />}>
                <SmsDropped dropped={c().dropped} />
                <SmsLiveCounters campaignId={props.id} onFrame={setFrames} />
              </Show>
              <Show when={c().channel !== "sms"}>
                <CampaignAnalytics campaignId={props.id} />
              </Show>
              <Show when={c().channel === "sms"} fallback={<CampaignRecipients campaignId={props.id} />}>
                <SmsRecipients campaignId={props.id} version={frames()} />
              </Show>
            </Show>
            <Show when={c().ab}>{(ab) => <AbResults campaign={c()} ab={ab()} templateName={(id) => templates.data()?.templates.find((tp) => tp.id === id)?.name ?? ""} />}</Show>
            <section class="section" aria-labelledby="camp-details">
              <h2 id="camp-details" class="section-title">
                {t("camp.details")}
              </h2>
              <div class="card">
                <CampaignFacts campaign={c()} templateName={templateName(c())} audience={audience(c())} />
              </div>
            </section>
            <Show when={c().channel !== "sms"}>
              <CampaignPublish campaign={c()} onChange={(next, message) => (campaign.setData(next), setNotice(message))} />
            </Show>
            <Show when={c().channel !== "sms"}>
              <CampaignSocial campaign={c()} />
            </Show>
            <Show when={c().channel !== "sms" && c().status === "sent" && can("campaigns.edit")}>
              <section class="section" aria-labelledby="camp-resend">
                <h2 id="camp-resend" class="section-title">
                  {t("au.resendLink")}
                </h2>
                <p class="muted">{t("au.resendHint")}</p>
                <A class="btn btn-secondary" href={`/automations/new?reenviar=${encodeURIComponent(c().id)}`}>
                  {t("au.resendLink")}
                </A>
              </section>
            </Show>
            <Show
              when={c().channel === "sms"}
              fallback={
                <PreviewPanel
                  load={(contactId) => api.previewCampaign(props.id, contactId)}
                  version={version()}
                  canPickContact={can("contacts.read")}
                  testSend={can("campaigns.edit") ? (to, contactId) => api.testSendCampaign(props.id, to, contactId) : undefined}
                />
              }
            >
              <SmsCampaignText campaign={c()} />
              <Show when={can("campaigns.send") && c().status !== "cancelled"}>
                <SmsTestSendForm campaign={c()} />
              </Show>
            </Show>

            <Dialog open={step() === "edit"} title={t("camp.editTitle")} onClose={() => setStep(null)}>
              <Show
                when={c().channel === "sms"}
                fallback={
                  <CampaignForm
                    campaign={c()}
                    templates={templates.data()?.templates ?? []}
                    lists={lists.data()?.lists ?? []}
                    segments={segments.data()?.segments ?? []}
                    onCancel={() => setStep(null)}
                    onSaved={(next) => {
                      campaign.setData(next);
                      setStep(null);
                      setVersion((n) => n + 1);
                      setNotice(t("camp.updated"));
                    }}
                  />
                }
              >
                <SmsCampaignForm
                  campaign={c()}
                  lists={lists.data()?.lists ?? []}
                  segments={segments.data()?.segments ?? []}
                  onCancel={() => setStep(null)}
                  onSaved={(next) => {
                    campaign.setData(next);
                    setStep(null);
                    setNotice(t("camp.updated"));
                  }}
                />
              </Show>
            </Dialog>
            <Dialog open={step() === "send"} title={t("camp.sendNow")} onClose={() => setStep(null)}>
              <ConfirmStep lines={summary(c(), null)} confirmLabel={t("camp.sendNow")} busyLabel={t("camp.sending")} busy={busy()} error={actionError()} onBack={() => setStep(null)} onConfirm={() => void act("send")} />
            </Dialog>
            <Dialog open={step() === "schedule" || step() === "scheduleConfirm"} title={t("camp.schedule")} onClose={() => setStep(null)}>
              <Show
                when={step() === "scheduleConfirm"}
                fallback={<ScheduleForm initial={at() || undefined} onCancel={() => setStep(null)} onNext={(value) => (setAt(value), setActionError(null), setStep("scheduleConfirm"))} />}
              >
                <ConfirmStep lines={summary(c(), at())} confirmLabel={t("camp.schedule")} busyLabel={t("camp.scheduling")} busy={busy()} error={actionError()} onBack={() => setStep("schedule")} onConfirm={() => void act("scheduleConfirm")} />
              </Show>
            </Dialog>
            <Dialog open={step() === "pause"} title={t("camp.pause")} onClose={() => setStep(null)}>
              <ConfirmStep lines={[t("camp.pauseSummary", { name: c().name })]} confirmLabel={t("camp.pause")} busyLabel={t("camp.pausing")} busy={busy()} error={actionError()} onBack={() => setStep(null)} onConfirm={() => void act("pause")} />
            </Dialog>
            <Dialog open={step() === "resume"} title={t("camp.resume")} onClose={() => setStep(null)}>
              <ConfirmStep lines={[campaignReasonText(c()) ?? "", t("camp.resume") + "?"].filter(Boolean)} confirmLabel={t("camp.resume")} busyLabel={t("camp.resuming")} busy={busy()} error={actionError()} onBack={() => setStep(null)} onConfirm={() => void act("resume")} />
            </Dialog>
            <Dialog open={step() === "cancel"} title={t("camp.cancel")} onClose={() => setStep(null)}>
              <ConfirmStep lines={[t("camp.cancelSummary1", { name: c().name }), t("camp.cancelSummary2")]} confirmLabel={t("camp.cancel")} busyLabel={t("camp.cancelling")} busy={busy()} danger error={actionError()} onBack={() => setStep(null)} onConfirm={() => void act("cancel")} />
            </Dialog>
          </>
        )}
      </Show>
    </Show>
  );
}
