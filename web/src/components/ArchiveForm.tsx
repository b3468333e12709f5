/**
 * The public archive's details (W6): address (slug), title, description and whether it is on,
 * saved with PUT /api/v1/archive. The slug is checked here on blur and on submit with the API's
 * own rule (shared/archive/slug.ts); the server's refusals (a slug another account uses) land
 * next to their field.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, ApiError, type ArchiveOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { slugProblem } from "../../../shared/archive/slug";
import CheckboxField from "./CheckboxField";
import TextField from "./TextField";

type Field = "slug" | "title" | "description";

export default function ArchiveForm(props: { archive: ArchiveOut; onSaved: (a: ArchiveOut) => void }) {
  const [slug, setSlug] = createSignal(props.archive.slug);
  const [title, setTitle] = createSignal(props.archive.title);
  const [description, setDescription] = createSignal(props.archive.description ?? "");
  const [enabled, setEnabled] = createSignal(props.archive.stored ? props.archive.enabled : true);
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const checkSlug = () => (slugProblem(slug().trim()) ? t("arch.slugBad") : undefined);

  async function save(e: Event) {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = { slug: checkSlug(), title: title().trim() ? undefined : t("validation.required") };
    setErrors(found);
    setResult(null);
    if (found.slug || found.title) return;
    setBusy(true);
    try {
      props.onSaved(await api.updateArchive({ slug: slug().trim(), title: title().trim(), description: description().trim() || null, enabled: enabled() }));
      setResult({ ok: true, text: t("arch.saved") });
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === "slug" || field === "title" || field === "description") setErrors({ [field]: errorText(err) });
      else setResult({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={(e) => void save(e)} noValidate data-testid="archive-form">
      <TextField
        label={t("arch.slug")}
        hint={t("arch.slugHint")}
        value={slug()}
        onInput={(v) => (setSlug(v), setErrors((x) => ({ ...x, slug: undefined })))}
        onBlur={() => setErrors((x) => ({ ...x, slug: checkSlug() }))}
        error={errors().slug}
        name="slug"
        autocomplete="off"
      />
      <TextField label={t("arch.titleField")} value={title()} onInput={(v) => (setTitle(v), setErrors((x) => ({ ...x, title: undefined })))} error={errors().title} name="title" autocomplete="off" />
      <TextField label={t("arch.description")} value={description()} onInput={setDescription} error={errors().description} name="description" autocomplete="off" />
      <CheckboxField label={t("arch.enabled")} hint={t("arch.enabledHint")} checked={enabled()} onChange={setEnabled} />
      <Show when={result()}>
        {(r) => (
          <p class={r().ok ? "form-ok" : "field-error"} role={r().ok ? "status" : "alert"}>
            {r().text}
          </p>
        )}
      </Show>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("arch.saving") : t("arch.save")}
        </button>
      </div>
    </form>
  );
}
