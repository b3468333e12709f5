/** "Nueva plantilla": a name; it starts from a basic MJML design that the editor then changes. */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type TemplateOut } from "../lib/api";
import { errorField } from "../lib/errors";
import { emailErrorText } from "../lib/email";
import * as v from "../lib/validate";
import TextField from "./TextField";

const BLANK = `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        <mj-text font-size="20px">Hola {{nombre}}</mj-text>
        <mj-text>Escribe aquí tu mensaje.</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

export default function TemplateCreateForm(props: { onCreated: (tp: TemplateOut) => void; onCancel: () => void }) {
  const [name, setName] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const check = () => {
    const key = v.required(name());
    setError(key ? t(key) : undefined);
    return !key;
  };
  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (!check()) return;
    setBusy(true);
    try {
      props.onCreated(await api.createTemplate({ name: name().trim(), source: BLANK }));
    } catch (err) {
      if (errorField(err) === "name") setError(emailErrorText(err));
      else setFormError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="form" onSubmit={submit} novalidate>
      <TextField label={t("tpl.form.name")} name="name" value={name()} onInput={(x) => (setName(x), setError(undefined))} onBlur={check} error={error()} hint={t("tpl.form.nameHint")} autocomplete="off" required autofocus />
      <p class="muted small">{t("tpl.form.blankHint")}</p>
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
          {busy() ? t("tpl.form.creating") : t("tpl.form.create")}
        </button>
      </div>
    </form>
  );
}
