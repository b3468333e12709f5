/**
 * The reply box under a conversation: the SMS composer (live encoding, characters, segments,
 * credits; the account's segment policy) and "Enviar respuesta", which first checks what it can
 * here, then confirms with a summary (to whom, segments, credit) and calls
 * POST /sms/inbox/:number/reply. The server's refusals (opted out, no credit) are shown in the
 * confirmation; a text problem goes under the composer.
 */
import { createMemo, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, ApiError, type ReplyOut, type SegmentPolicy } from "../lib/api";
import { composerStats, formatPhone, policyState } from "../lib/sms";
import { countText, smsErrorText } from "../lib/sms-words";
import ConfirmStep from "./ConfirmStep";
import Dialog from "./Dialog";
import SmsComposer from "./SmsComposer";
import "../styles/inbox.css";

export default function InboxReplyForm(props: { number: string; policy: SegmentPolicy | null; maxSegments?: number; onSent: (out: ReplyOut) => void }) {
  const [text, setText] = createSignal("");
  const [confirmed, setConfirmed] = createSignal(false);
  const [textError, setTextError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [sendError, setSendError] = createSignal<string | null>(null);
  // Replies are sent as written (no short links), like single sends.
  const stats = createMemo(() => composerStats(text(), { linkBase: null }));
  const state = () => policyState(props.policy ?? "allow", stats().segments, confirmed(), props.maxSegments);

  function submit(e: Event) {
    e.preventDefault();
    if (text().trim() === "") return setTextError(t("sms.text.empty"));
    if (state() === "needs-confirm") return setTextError(t("sms.policy.confirmNeeded"));
    if (state() !== "ok") return; // "blocked" and "too-long" are shown under the composer
    setSendError(null);
    setConfirming(true);
  }

  async function send() {
    setBusy(true);
    setSendError(null);
    try {
      const out = await api.smsReply(props.number, { text: text(), ...(confirmed() ? { confirmMultipart: true } : {}) });
      setConfirming(false);
      setText("");
      setConfirmed(false);
      props.onSent(out);
    } catch (err) {
      if (err instanceof ApiError && err.field === "text") {
        setTextError(smsErrorText(err));
        setConfirming(false);
      } else setSendError(smsErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="inbox-reply card" onSubmit={submit} noValidate aria-label={t("inbox.reply.label")} data-testid="inbox-reply">
      <SmsComposer
        label={t("inbox.reply.label")}
        value={text()}
        onInput={(v) => {
          setText(v);
          if (textError()) setTextError(null);
        }}
        linkBase={null}
        policy={props.policy}
        maxSegments={props.maxSegments}
        confirmed={confirmed()}
        onConfirmedChange={(v) => {
          setConfirmed(v);
          if (v) setTextError(null);
        }}
        error={textError()}
        rows={3}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t("inbox.reply.send")}
        </button>
      </div>
      <Dialog open={confirming()} title={t("inbox.reply.confirmTitle")} onClose={() => !busy() && setConfirming(false)}>
        <ConfirmStep
          lines={[
            t("inbox.reply.summaryTo", { to: formatPhone(props.number) }),
            `«${text()}»`,
            t("inbox.reply.summaryCost", { segments: countText("segments", stats().segments), credits: countText("credits", stats().credits) }),
          ]}
          confirmLabel={t("inbox.reply.send")}
          busyLabel={t("inbox.reply.sending")}
          busy={busy()}
          error={sendError()}
          onBack={() => setConfirming(false)}
          onConfirm={() => void send()}
        />
      </Dialog>
    </form>
  );
}
