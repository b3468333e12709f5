/**
 * "Nueva palabra clave": the word, and any of its three actions (an automatic reply, a tag = the
 * list the contact is added to, a URL to notify). Checked here on submit (a word, at least one
 * action, an http(s) URL); the server's refusals (an opt-out word, a duplicate, a reply longer
 * than the account's segment policy allows) land next to their field.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, ApiError, type KeywordOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { keywordBody } from "../lib/inbox";
import TextField from "./TextField";
import "../styles/inbox.css";

type Field = "keyword" | "reply" | "tag" | "webhookUrl" | "actions";

export default function SmsKeywordForm(props: { onCreated: (k: KeywordOut) => void }) {
  const [keyword, setKeyword] = createSignal("");
  const [reply, setReply] = createSignal("");
  const [tag, setTag] = createSignal("");
  const [webhookUrl, setWebhookUrl] = createSignal("");
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);
  const clear = (f: Field) => errors()[f] && setErrors((e) => ({ ...e, [f]: undefined, actions: undefined }));

  async function submit(e: Event) {
    e.preventDefault();
    const { body, problems } = keywordBody({ keyword: keyword(), reply: reply(), tag: tag(), webhookUrl: webhookUrl() });
    const found: Partial<Record<Field, string>> = {};
    if (problems.keyword) found.keyword = t("validation.required");
    if (problems.actions) found.actions = t("kw.form.needAction");
    if (problems.webhookUrl) found.webhookUrl = t("kw.form.badUrl");
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const created = await api.createSmsKeyword(body);
      setKeyword("");
      setReply("");
      setTag("");
      setWebhookUrl("");
      props.onCreated(created);
    } catch (err) {
      const field = err instanceof ApiError ? err.field?.replace(/^actions\./, "") : undefined;
      if (field === "keyword" || field === "reply" || field === "tag" || field === "webhookUrl" || field === "actions") setErrors({ [field]: errorText(err) });
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form kw-form" onSubmit={submit} noValidate aria-labelledby="kw-new-title" data-testid="kw-form">
      <h2 id="kw-new-title" class="card-title">
        {t("kw.new")}
      </h2>
      <TextField id="kw-keyword" label={t("kw.form.keyword")} hint={t("kw.form.keywordHint")} value={keyword()} onInput={(v) => (setKeyword(v), clear("keyword"))} error={errors().keyword} name="keyword" autocomplete="off" />
      <TextField label={t("kw.form.reply")} hint={t("kw.form.replyHint")} value={reply()} onInput={(v) => (setReply(v), clear("reply"))} error={errors().reply} name="reply" autocomplete="off" />
      <TextField label={t("kw.form.tag")} hint={t("kw.form.tagHint")} value={tag()} onInput={(v) => (setTag(v), clear("tag"))} error={errors().tag} name="tag" autocomplete="off" />
      <TextField label={t("kw.form.webhook")} hint={t("kw.form.webhookHint")} value={webhookUrl()} onInput={(v) => (setWebhookUrl(v), clear("webhookUrl"))} error={errors().webhookUrl} name="webhookUrl" autocomplete="url" />
      <Show when={errors().actions}>
        <p class="field-error" role="alert">
          {errors().actions}
        </p>
      </Show>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("kw.form.saving") : t("kw.form.save")}
        </button>
      </div>
    </form>
  );
}
