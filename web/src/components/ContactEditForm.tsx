/**
 * "Editar datos": a contact's standard fields and its custom fields (each defined field of the
 * account, typed as the server expects: number, date, yes/no or text). Sends only what changed;
 * the server's complaint lands next to its field.
 */
import { For, Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { ApiError, api, type ContactDetail, type FieldOut, type UpdateContactBody } from "../lib/api";
import { errorField } from "../lib/errors";
import { fieldErrorText } from "../lib/audience";
import * as v from "../lib/validate";
import TextField from "./TextField";

type Std = "email" | "phone" | "firstName" | "lastName" | "position" | "company";
const STD: { key: Std; label: MessageKey }[] = [
  { key: "email", label: "contact.form.email" },
  { key: "phone", label: "contact.form.phone" },
  { key: "firstName", label: "contact.form.firstName" },
  { key: "lastName", label: "contact.form.lastName" },
  { key: "position", label: "contact.form.position" },
  { key: "company", label: "contact.form.company" },
];

const CUSTOM_ERRORS: [RegExp, MessageKey][] = [
  [/must be a number/, "field.err.number"],
  [/must be a date/, "field.err.date"],
  [/not a real date/, "field.err.realDate"],
  [/yes or no/, "field.err.boolean"],
];

const asText = (value: unknown) => (value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? t("aud.yes") : t("aud.no")) : String(value));

export default function ContactEditForm(props: { contact: ContactDetail; fields: FieldOut[]; onSaved: (c: ContactDetail) => void; onCancel: () => void }) {
  const [std, setStd] = createSignal<Record<Std, string>>(Object.fromEntries(STD.map((f) => [f.key, props.contact[f.key] ?? ""])) as Record<Std, string>);
  const keys = () => [...new Set([...props.fields.map((f) => f.key), ...Object.keys(props.contact.fields)])];
  const [custom, setCustom] = createSignal<Record<string, string>>(Object.fromEntries(keys().map((k) => [k, asText(props.contact.fields[k])])));
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const def = (key: string) => props.fields.find((f) => f.key === key);
  const hintFor = (key: string): string | undefined => {
    const type = def(key)?.type;
    return type === "date" ? t("field.hint.date") : type === "number" ? t("field.hint.number") : type === "boolean" ? t("field.hint.boolean") : undefined;
  };
  const checkEmail = () => {
    const key = std().email.trim() ? v.email(std().email) : null;
    setErrors((e) => ({ ...e, email: key ? t(key) : undefined }));
    return !key;
  };

  function body(): UpdateContactBody {
    const out: UpdateContactBody = {};
    for (const f of STD) if (std()[f.key].trim() !== (props.contact[f.key] ?? "")) out[f.key] = std()[f.key].trim();
    const fields: Record<string, string | null> = {};
    for (const k of keys()) {
      const now = custom()[k]?.trim() ?? "";
      if (now !== asText(props.contact.fields[k])) fields[k] = now === "" ? null : now;
    }
    if (Object.keys(fields).length) out.fields = fields;
    return out;
  }

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (!checkEmail()) return;
    const patch = body();
    if (Object.keys(patch).length === 0) return props.onCancel();
    setBusy(true);
    try {
      props.onSaved(await api.updateContact(props.contact.id, patch));
    } catch (err) {
      const field = errorField(err);
      if (field?.startsWith("fields.") && err instanceof ApiError) {
        const key = CUSTOM_ERRORS.find(([re]) => re.test(err.message))?.[1];
        setErrors((x) => ({ ...x, [field]: key ? t(key) : fieldErrorText(err) }));
      } else if (field && err instanceof ApiError && err.code === "conflict") setErrors((x) => ({ ...x, [field]: t("contact.emailTaken") }));
      else if (field) setErrors((x) => ({ ...x, [field]: fieldErrorText(err) }));
      else setFormError(fieldErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <For each={STD}>
        {(f) => (
          <TextField
            label={t(f.label)}
            name={f.key}
            type={f.key === "email" ? "email" : "text"}
            value={std()[f.key]}
            onInput={(value) => setStd((s) => ({ ...s, [f.key]: value }))}
            onBlur={f.key === "email" ? checkEmail : undefined}
            error={errors()[f.key]}
            autocomplete="off"
          />
        )}
      </For>
      <Show when={keys().length > 0}>
        <fieldset class="check-group">
          <legend class="legend">{t("contact.customFields")}</legend>
          <For each={keys()}>
            {(k) => (
              <TextField
                label={def(k)?.label ?? k}
                name={`fields.${k}`}
                value={custom()[k] ?? ""}
                onInput={(value) => setCustom((c) => ({ ...c, [k]: value }))}
                hint={hintFor(k)}
                error={errors()[`fields.${k}`]}
                autocomplete="off"
              />
            )}
          </For>
        </fieldset>
      </Show>
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
          {busy() ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
