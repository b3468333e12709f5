/**
 * Re-sending a sub-user's welcome link (W5), inside its dialog: says what will happen (a new
 * 72-hour link; the earlier ones stop working) before anything is sent, then calls the API and
 * hands the answer back so the page can say whether the mail went out.
 */
import { createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type CreatedUserOut, type UserOut } from "../lib/api";
import { errorText } from "../lib/errors";
import ConfirmStep from "./ConfirmStep";

export default function WelcomeResendConfirm(props: { user: UserOut; onDone: (result: CreatedUserOut) => void; onCancel: () => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      props.onDone(await api.resendWelcome(props.user.id));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ConfirmStep
      lines={[t("users.resend.summary", { name: props.user.name, email: props.user.email }), t("users.resend.revokes")]}
      confirmLabel={t("users.resend.action")}
      busyLabel={t("users.resend.sending")}
      busy={busy()}
      error={error()}
      onBack={() => props.onCancel()}
      onConfirm={() => void send()}
    />
  );
}
