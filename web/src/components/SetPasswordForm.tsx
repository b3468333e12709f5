/**
 * The set-password form of a welcome link (W5): the password twice, checked on blur and on
 * submit with the API's rule; the server's complaint lands next to its field, and a link that
 * stopped working meanwhile (410) is reported through `onGone`.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, ApiError } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import TextField from "./TextField";

type Field = "password" | "confirm";

export default function SetPasswordForm(props: { token: string; onDone: () => void; onGone: () => void }) {
  const [password, setPassword] = createSignal("");
  const [confirm, setConfirm] = createSignal("");
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const checkPassword = () => {
    const k = v.password(password());
    setErrors((e) => ({ ...e, password: k ? t(k) : undefined }));
    return !k;
  };
  const checkConfirm = () => {
    const wrong = confirm() !== password() ? t("setPassword.mismatch") : undefined;
    setErrors((e) => ({ ...e, confirm: wrong }));
    return !wrong;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (![checkPassword(), checkConfirm()].every(Boolean)) return;
    setBusy(true);
    try {
      await api.setPassword({ token: props.token, password: password() });
      props.onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) props.onGone();
      else if (errorField(err) === "password") setErrors((x) => ({ ...x, password: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <Show when={formError()}>
        <div class="notice notice-error" role="alert">
          <p>{formError()}</p>
        </div>
      </Show>
      <TextField
        label={t("setPassword.password")}
        name="password"
        type="password"
        value={password()}
        onInput={setPassword}
        onBlur={() => password() && checkPassword()}
        error={errors().password}
        hint={t("setPassword.passwordHint")}
        autocomplete="new-password"
        required
        autofocus
      />
      <TextField label={t("setPassword.confirm")} name="confirm" type="password" value={confirm()} onInput={setConfirm} onBlur={() => confirm() && checkConfirm()} error={errors().confirm} autocomplete="new-password" required />
      <button type="submit" class="btn btn-primary btn-block" disabled={busy()}>
        {busy() ? t("setPassword.submitting") : t("setPassword.submit")}
      </button>
    </form>
  );
}
