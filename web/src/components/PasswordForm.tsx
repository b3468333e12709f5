/** Changing one's own password: current, new, and the new one again. A wrong current password is reported next to it. */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import { me } from "../lib/session";
import TextField from "./TextField";

type Field = "current" | "next" | "again";

export default function PasswordForm() {
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [again, setAgain] = createSignal("");
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const rules: Record<Field, () => string | null> = {
    current: () => {
      const k = v.required(current());
      return k ? t(k) : null;
    },
    next: () => {
      const k = v.password(next());
      return k ? t(k) : null;
    },
    again: () => (again() !== next() ? t("validation.passwordMatch") : null),
  };
  const check = (f: Field) => {
    const msg = rules[f]();
    setErrors((e) => ({ ...e, [f]: msg ?? undefined }));
    return !msg;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setDone(false);
    setFormError(null);
    if (!(["current", "next", "again"] as Field[]).map(check).every(Boolean)) return;
    setBusy(true);
    try {
      await api.changePassword({ currentPassword: current(), newPassword: next() });
      setCurrent("");
      setNext("");
      setAgain("");
      setDone(true);
    } catch (err) {
      const field = errorField(err);
      if (field === "currentPassword") setErrors((x) => ({ ...x, current: errorText(err) }));
      else if (field === "newPassword") setErrors((x) => ({ ...x, next: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form form-narrow" onSubmit={submit} novalidate>
      {/* lets password managers file the new password under the right account */}
      <input type="email" name="username" autocomplete="username" value={me()?.user.email ?? ""} hidden readonly />
      <TextField label={t("settings.currentPassword")} name="currentPassword" type="password" value={current()} onInput={setCurrent} onBlur={() => check("current")} error={errors().current} autocomplete="current-password" required />
      <TextField label={t("settings.newPassword")} name="newPassword" type="password" value={next()} onInput={setNext} onBlur={() => check("next")} error={errors().next} hint={t("settings.newPasswordHint")} autocomplete="new-password" required />
      <TextField label={t("settings.confirmPassword")} name="confirmPassword" type="password" value={again()} onInput={setAgain} onBlur={() => again() && check("again")} error={errors().again} autocomplete="new-password" required />
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <Show when={done()}>
        <p class="form-ok" role="status">
          {t("settings.passwordChanged")}
        </p>
      </Show>
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary" disabled={busy()}>
          {t("settings.changePassword")}
        </button>
      </div>
    </form>
  );
}
