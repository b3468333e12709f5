/** "Cambiar token" of a connected social account (W6): a new access token, e.g. after the old one expired. Never shows the old one. */
import { createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type SocialAccountOut } from "../lib/api";
import { errorText } from "../lib/errors";
import TextField from "./TextField";

export default function SocialTokenForm(props: { account: SocialAccountOut; onSaved: (a: SocialAccountOut) => void; onCancel: () => void }) {
  const [token, setToken] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (!token().trim()) return void setError(t("soc.form.required"));
    setBusy(true);
    setError(null);
    try {
      props.onSaved(await api.updateSocialAccount(props.account.id, { token: token().trim() }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="social-token-form">
      <TextField label={t("soc.form.token")} hint={t("soc.form.tokenHint")} type="password" value={token()} onInput={(v) => (setToken(v), setError(null))} error={error() ?? undefined} name="token" autocomplete="off" autofocus />
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("soc.form.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("soc.form.saving") : t("soc.tokenForm.save")}
        </button>
      </div>
    </form>
  );
}
