/** "Nueva lista": name, optional description and double opt-in for its hosted form. */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type ListOut } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import TextField from "./TextField";
import CheckboxField from "./CheckboxField";

export default function ListCreateForm(props: { onCreated: (l: ListOut) => void; onCancel: () => void }) {
  const [name, setName] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [doubleOptIn, setDoubleOptIn] = createSignal(false);
  const [errors, setErrors] = createSignal<{ name?: string; description?: string }>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const checkName = () => {
    const key = v.required(name());
    setErrors((e) => ({ ...e, name: key ? t(key) : undefined }));
    return !key;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (!checkName()) return;
    setBusy(true);
    try {
      props.onCreated(await api.createList({ name: name().trim(), description: description().trim() || undefined, doubleOptIn: doubleOptIn() }));
    } catch (err) {
      const field = errorField(err);
      if (field === "name" || field === "description") setErrors((x) => ({ ...x, [field]: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <TextField label={t("lists.form.name")} name="name" value={name()} onInput={(x) => (setName(x), setErrors((e) => ({ ...e, name: undefined })))} onBlur={checkName} error={errors().name} hint={t("lists.form.nameHint")} autocomplete="off" required autofocus />
      <TextField label={t("lists.form.description")} name="description" value={description()} onInput={setDescription} error={errors().description} autocomplete="off" />
      <CheckboxField label={t("lists.form.doubleOptIn")} checked={doubleOptIn()} onChange={setDoubleOptIn} hint={t("lists.form.doubleOptInHint")} />
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("lists.form.creating") : t("lists.form.create")}
        </button>
      </div>
    </form>
  );
}
