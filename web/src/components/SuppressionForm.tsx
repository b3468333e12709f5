/** "Agregar a supresión": kind (correo, celular, dominio), value and reason; the server's complaint next to its field. */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type SuppressionKind, type SuppressionOut } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import TextField from "./TextField";
import SelectField from "./SelectField";

const VALUE_ERRORS: Record<SuppressionKind, string> = { email: "supp.form.bad.email", phone: "supp.form.bad.phone", domain: "supp.form.bad.domain" };

export default function SuppressionForm(props: { onAdded: (s: SuppressionOut) => void; onCancel: () => void }) {
  const [kind, setKind] = createSignal<SuppressionKind>("email");
  const [value, setValue] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [errors, setErrors] = createSignal<{ value?: string; reason?: string }>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const check = (f: "value" | "reason") => {
    const key = v.required(f === "value" ? value() : reason());
    setErrors((e) => ({ ...e, [f]: key ? t(key) : undefined }));
    return !key;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (![check("value"), check("reason")].every(Boolean)) return;
    setBusy(true);
    try {
      props.onAdded(await api.addSuppression({ kind: kind(), value: value().trim(), reason: reason().trim() }));
    } catch (err) {
      const field = errorField(err);
      if (field === "value") setErrors((x) => ({ ...x, value: t(VALUE_ERRORS[kind()] as "supp.form.bad.email") }));
      else if (field === "reason") setErrors((x) => ({ ...x, reason: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <SelectField
        label={t("supp.form.kind")}
        name="kind"
        value={kind()}
        onChange={(k) => setKind(k as SuppressionKind)}
        options={[
          { value: "email", label: t("supp.kind.email") },
          { value: "phone", label: t("supp.kind.phone") },
          { value: "domain", label: t("supp.kind.domain") },
        ]}
      />
      <TextField label={t("supp.form.value")} name="value" value={value()} onInput={(x) => (setValue(x), setErrors((e) => ({ ...e, value: undefined })))} onBlur={() => value() && check("value")} error={errors().value} hint={t(`supp.form.valueHint.${kind()}`)} autocomplete="off" required autofocus />
      <TextField label={t("supp.form.reason")} name="reason" value={reason()} onInput={(x) => (setReason(x), setErrors((e) => ({ ...e, reason: undefined })))} onBlur={() => reason() && check("reason")} error={errors().reason} hint={t("supp.form.reasonHint")} autocomplete="off" required />
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
          {busy() ? t("supp.form.submitting") : t("supp.form.submit")}
        </button>
      </div>
    </form>
  );
}
