/** One's own display name (PATCH /me). */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { errorText } from "../lib/errors";
import { me, setMe } from "../lib/session";
import * as v from "../lib/validate";
import TextField from "./TextField";

export default function ProfileForm() {
  const [name, setName] = createSignal(me()?.user.name ?? "");
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const check = () => {
    const key = v.required(name());
    setError(key ? t(key) : null);
    return !key;
  };
  async function submit(e: Event) {
    e.preventDefault();
    setSaved(false);
    if (!check()) return;
    setBusy(true);
    try {
      setMe(await api.updateMe({ name: name().trim() }));
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="form form-narrow" onSubmit={submit} novalidate>
      <p class="muted">{t("settings.email", { email: me()?.user.email ?? "" })}</p>
      <TextField label={t("settings.name")} name="name" value={name()} onInput={setName} onBlur={check} error={error()} autocomplete="name" required />
      <Show when={saved()}>
        <p class="form-ok" role="status">
          {t("settings.profileSaved")}
        </p>
      </Show>
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary" disabled={busy()}>
          {busy() ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
