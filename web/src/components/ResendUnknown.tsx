/**
 * "Reenviar N no confirmados" (C1): shown on a sent campaign whose messages were lost to a
 * platform fault (never charged). Confirmed with a summary of what will happen: those contacts
 * get the email once more and that many credits are reserved.
 */
import { createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type CampaignOut } from "../lib/api";
import { formatNumber } from "../lib/format";
import { emailErrorText } from "../lib/email";
import Dialog from "./Dialog";
import ConfirmStep from "./ConfirmStep";

export default function ResendUnknown(props: { campaign: CampaignOut; onDone: (next: CampaignOut, notice: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const count = () => formatNumber(props.campaign.progress.unknown);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const n = count();
      const next = await api.resendUnknown(props.campaign.id);
      setOpen(false);
      props.onDone(next, t("resend.done", { count: n }));
    } catch (err) {
      setError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" class="btn btn-secondary" data-testid="resend-unknown" onClick={() => (setError(null), setOpen(true))}>
        {t("resend.action", { count: count() })}
      </button>
      <Dialog open={open()} title={t("resend.title")} onClose={() => setOpen(false)}>
        <ConfirmStep
          lines={[t("resend.summary1", { count: count() }), t("resend.summary2", { count: count() })]}
          confirmLabel={t("resend.action", { count: count() })}
          busyLabel={t("resend.sending")}
          busy={busy()}
          error={error()}
          onBack={() => setOpen(false)}
          onConfirm={() => void confirm()}
        />
      </Dialog>
    </>
  );
}
