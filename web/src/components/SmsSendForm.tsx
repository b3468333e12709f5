/**
 * "Enviar un mensaje de texto": a Peruvian mobile typed or taken from a contact, the composer,
 * and "Enviar", which first checks what it can here (number, empty text, segment policy), then
 * asks for confirmation with a summary (number, segments, credits) and only then calls
 * POST /api/v1/sms, which sends the text as written (merge fields are not filled in). The server's field errors land next to their field; anything else (no
 * credit, opted out) stays in the confirmation.
 */
import { createMemo, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, ApiError, type ContactOut, type SmsSendOut } from "../lib/api";
import { composerStats, formatPhone, peruMobile, policyState, type SegmentPolicy } from "../lib/sms";
import { excerpt } from "../lib/sms-messages";
import { contactName, countText, smsErrorText } from "../lib/sms-words";
import ConfirmStep from "./ConfirmStep";
import ContactPicker from "./ContactPicker";
import Dialog from "./Dialog";
import SmsComposer from "./SmsComposer";
import TextField from "./TextField";

export default function SmsSendForm(props: { policy: SegmentPolicy | null; maxSegments?: number; linkBase: string | null; onSent: (out: SmsSendOut) => void; toId?: string }) {
  const [to, setTo] = createSignal("");
  const [contact, setContact] = createSignal<ContactOut | null>(null);
  const [text, setText] = createSignal("");
  const [confirmed, setConfirmed] = createSignal(false);
  const [toError, setToError] = createSignal<string | null>(null);
  const [textError, setTextError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [sendError, setSendError] = createSignal<string | null>(null);
  const stats = createMemo(() => composerStats(text(), { linkBase: props.linkBase }));
  const number = () => peruMobile(to());

  const checkTo = () => setToError(to().trim() === "" ? t("validation.required") : number() === null ? t("sms.form.toInvalid") : null);
  function checkText(): string | null {
    if (text().trim() === "") return t("sms.text.empty");
    const state = policyState(props.policy ?? "allow", stats().segments, confirmed(), props.maxSegments);
    // "blocked" and "too-long" are already shown under the composer.
    if (state === "needs-confirm") return t("sms.policy.confirmNeeded");
    return null;
  }

  function submit(e: Event) {
    e.preventDefault();
    checkTo();
    setTextError(checkText());
    const state = policyState(props.policy ?? "allow", stats().segments, confirmed(), props.maxSegments);
    if (toError() || textError() || state === "blocked" || state === "too-long") return;
    setSendError(null);
    setConfirming(true);
  }

  async function send() {
    setBusy(true);
    setSendError(null);
    try {
      const c = contact();
      const out = await api.sendSms({ to: number() ?? to(), text: text(), ...(c ? { contactId: c.id } : {}), ...(confirmed() ? { confirmMultipart: true } : {}) });
      setConfirming(false);
      setText("");
      setConfirmed(false);
      props.onSent(out);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === "to" || field === "text" || field === "confirmMultipart") {
        (field === "to" ? setToError : setTextError)(smsErrorText(err));
        setConfirming(false);
      } else setSendError(smsErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  const summary = () => [
    t("sms.form.summaryTo", { to: contact() ? `${formatPhone(number() ?? to())} (${contactName(contact()!)})` : formatPhone(number() ?? to()) }),
    `«${excerpt(text(), 120)}»`,
    t("sms.form.summarySegments", { segments: countText("segments", stats().segments), encoding: stats().encoding }),
    t(stats().credits === 1 ? "sms.form.summaryCredits.one" : "sms.form.summaryCredits.other", { credits: countText("credits", stats().credits) }),
  ];

  return (
    <form class="card sms-send form" onSubmit={submit} noValidate aria-labelledby="sms-send-title" data-testid="sms-send-form">
      <h2 id="sms-send-title" class="card-title">
        {t("sms.form.title")}
      </h2>
      <div class="form-row">
        <TextField
          id={props.toId}
          label={t("sms.form.to")}
          hint={t("sms.form.toHint")}
          value={to()}
          onInput={(v) => {
            setTo(v);
            setContact(null);
            if (toError()) setToError(null);
          }}
          onBlur={() => to() && checkTo()}
          error={toError()}
          name="to"
          autocomplete="tel"
        />
        <ContactPicker
          channel="sms"
          chosen={contact()}
          onChoose={(c) => {
            setContact(c);
            setTo(c?.phone ? formatPhone(c.phone) : "");
            setToError(null);
          }}
        />
      </div>
      <SmsComposer
        value={text()}
        onInput={(v) => {
          setText(v);
          if (textError()) setTextError(null);
        }}
        linkBase={props.linkBase}
        merge={false}
        policy={props.policy}
        maxSegments={props.maxSegments}
        confirmed={confirmed()}
        onConfirmedChange={(v) => {
          setConfirmed(v);
          if (v) setTextError(null);
        }}
        error={textError()}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t("sms.form.send")}
        </button>
      </div>
      <Dialog open={confirming()} title={t("sms.form.confirmTitle")} onClose={() => !busy() && setConfirming(false)}>
        <ConfirmStep lines={summary()} confirmLabel={t("sms.form.send")} busyLabel={t("sms.form.sending")} busy={busy()} error={sendError()} onBack={() => setConfirming(false)} onConfirm={() => void send()} />
      </Dialog>
    </form>
  );
}
