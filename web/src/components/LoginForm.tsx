/** Email and password; the server's answer (wrong credentials, too many attempts) appears next to the form. */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type MeOut } from "../lib/api";
import { errorText } from "../lib/errors";
import * as v from "../lib/validate";
import TextField from "./TextField";

export default function LoginForm(props: { onLoggedIn: (me: MeOut) => void }) {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [errors, setErrors] = createSignal<{ email?: string; password?: string }>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const checkEmail = () => {
    const k = v.email(email());
    setErrors((e) => ({ ...e, email: k ? t(k) : undefined }));
    return !k;
  };
  const checkPassword = () => {
    const k = v.required(password());
    setErrors((e) => ({ ...e, password: k ? t(k) : undefined }));
    return !k;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (![checkEmail(), checkPassword()].every(Boolean)) return;
    setBusy(true);
    try {
      props.onLoggedIn(await api.login({ email: email().trim(), password: password() }));
    } catch (err) {
      setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate aria-describedby={formError() ? "login-error" : undefined}>
      <Show when={formError()}>
        <div class="notice notice-error" role="alert" id="login-error">
          <p>{formError()}</p>
        </div>
      </Show>
      <TextField label={t("login.email")} name="email" type="email" value={email()} onInput={setEmail} onBlur={() => email() && checkEmail()} error={errors().email} autocomplete="username" inputMode="email" required autofocus />
      <TextField label={t("login.password")} name="password" type="password" value={password()} onInput={setPassword} error={errors().password} autocomplete="current-password" required />
      <button type="submit" class="btn btn-primary btn-block" disabled={busy()}>
        {busy() ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}
