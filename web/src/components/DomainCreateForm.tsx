/**
 * "Agregar dominio": one field, checked on blur and on submit with the same rule the API uses
 * (shared/email/domain-records.ts); the server's error (e.g. already added) shows next to it.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type DomainDetail } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import { normalizeDomain } from "../../../shared/email/domain-records";
import TextField from "./TextField";

export default function DomainCreateForm(props: { onCreated: (d: DomainDetail) => void; onCancel: () => void }) {
  const [domain, setDomain] = createSignal("");
  const [error, setError] = createSignal<string | undefined>(undefined);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const check = () => {
    const missing = v.required(domain());
    const message = missing ? t(missing) : normalizeDomain(domain()) === null ? t("dom.form.invalid") : undefined;
    setError(message);
    return !message;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (!check()) return;
    setBusy(true);
    try {
      props.onCreated(await api.createDomain(normalizeDomain(domain())!));
    } catch (err) {
      if (errorField(err) === "domain") setError(errorText(err));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <TextField
        label={t("dom.form.domain")}
        name="domain"
        value={domain()}
        onInput={(x) => (setDomain(x), setError(undefined))}
        onBlur={() => domain() && check()}
        error={error()}
        hint={t("dom.form.domainHint")}
        autocomplete="off"
        required
        autofocus
      />
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
          {busy() ? t("dom.form.creating") : t("dom.form.create")}
        </button>
      </div>
    </form>
  );
}
