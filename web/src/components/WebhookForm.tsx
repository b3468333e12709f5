/**
 * "Nuevo webhook": the URL, an optional description and the events (one checkbox each, Spanish
 * labels). Checked here on blur and submit (an http(s) URL, at least one event); the server's
 * refusals land next to their field. On success the parent shows the secret, once.
 */
import { For, Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, ApiError, type WebhookCreated, type WebhookEvent } from "../lib/api";
import { errorText } from "../lib/errors";
import { WEBHOOK_EVENTS } from "../../../shared/webhooks/events";
import CheckboxField from "./CheckboxField";
import TextField from "./TextField";

type Field = "url" | "events" | "description";
const isHttpUrl = (v: string) => /^https?:\/\/[^\s/]+/i.test(v.trim());

export default function WebhookForm(props: { onCreated: (w: WebhookCreated) => void; onCancel: () => void }) {
  const [url, setUrl] = createSignal("");
  const [description, setDescription] = createSignal("");
  const [events, setEvents] = createSignal<WebhookEvent[]>(["sent", "opened", "clicked", "bounced", "unsubscribed"]);
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const toggle = (e: WebhookEvent, on: boolean) => {
    setEvents((list) => (on ? [...list.filter((x) => x !== e), e] : list.filter((x) => x !== e)));
    setErrors((x) => ({ ...x, events: undefined }));
  };

  async function submit(e: Event) {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!isHttpUrl(url())) found.url = t("wh.form.badUrl");
    if (events().length === 0) found.events = t("wh.form.needEvent");
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const ordered = WEBHOOK_EVENTS.filter((x) => events().includes(x));
      props.onCreated(await api.createWebhook({ url: url().trim(), events: ordered, ...(description().trim() ? { description: description().trim() } : {}) }));
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === "url" || field === "events" || field === "description") setErrors({ [field]: errorText(err) });
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="webhook-form">
      <TextField
        label={t("wh.form.url")}
        hint={t("wh.form.urlHint")}
        value={url()}
        onInput={(v) => (setUrl(v), setErrors((x) => ({ ...x, url: undefined })))}
        onBlur={() => url() && !isHttpUrl(url()) && setErrors((x) => ({ ...x, url: t("wh.form.badUrl") }))}
        error={errors().url}
        name="url"
        autocomplete="url"
        autofocus
      />
      <TextField label={t("wh.form.description")} value={description()} onInput={setDescription} error={errors().description} name="description" autocomplete="off" />
      <fieldset class="field wh-events" aria-describedby={errors().events ? "wh-events-error" : undefined}>
        <legend>{t("wh.form.events")}</legend>
        <For each={WEBHOOK_EVENTS}>{(ev) => <CheckboxField label={t(`wh.ev.${ev}` as MessageKey)} checked={events().includes(ev)} onChange={(on) => toggle(ev, on)} />}</For>
        <Show when={errors().events}>
          <p class="field-error" id="wh-events-error" role="alert">
            {errors().events}
          </p>
        </Show>
      </fieldset>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("wh.form.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("wh.form.saving") : t("wh.form.save")}
        </button>
      </div>
    </form>
  );
}
