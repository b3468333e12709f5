/**
 * The template's name and its MJML in a monospace editor with line numbers in the gutter; a
 * compile error from the server is shown at its line, next to the editor. Saves only on
 * "Guardar" (the preview then renders the saved version).
 */
import { For, Show, createMemo, createSignal, createUniqueId } from "solid-js";
import { t } from "../i18n";
import { api, type TemplateOut } from "../lib/api";
import { errorField } from "../lib/errors";
import { emailErrorText, templateError } from "../lib/email";
import * as v from "../lib/validate";
import TextField from "./TextField";

export default function TemplateEditor(props: { template: TemplateOut; canEdit: boolean; onSaved: (tp: TemplateOut) => void }) {
  const id = `src-${createUniqueId()}`;
  const [name, setName] = createSignal(props.template.name);
  const [source, setSource] = createSignal(props.template.source);
  const [nameError, setNameError] = createSignal<string | undefined>();
  const [lineError, setLineError] = createSignal<{ line: number | null; message: string } | null>(null);
  const [formError, setFormError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [scrollTop, setScrollTop] = createSignal(0);
  const dirty = () => name() !== props.template.name || source() !== props.template.source;
  const lines = createMemo(() => source().split("\n").length);
  let area: HTMLTextAreaElement | undefined;

  async function save(e: Event) {
    e.preventDefault();
    setSaved(null);
    setFormError(null);
    setLineError(null);
    const key = v.required(name());
    setNameError(key ? t(key) : undefined);
    if (key) return;
    setBusy(true);
    try {
      const tp = await api.updateTemplate(props.template.id, { name: name().trim(), source: source() });
      props.onSaved(tp);
      setSaved(t("tpl.savedOk"));
    } catch (err) {
      const te = templateError(err);
      if (te) setLineError(te);
      else if (errorField(err) === "name") setNameError(emailErrorText(err));
      else setFormError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  const goToLine = (line: number) => {
    if (!area) return;
    const before = source().split("\n").slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    area.focus();
    area.setSelectionRange(before, before + (source().split("\n")[line - 1]?.length ?? 0));
  };

  return (
    <form class="form template-editor" onSubmit={save} novalidate>
      <TextField label={t("tpl.form.name")} name="name" value={name()} onInput={(x) => (setName(x), setNameError(undefined))} error={nameError()} autocomplete="off" required />
      <div class="field" classList={{ "has-error": !!lineError() }}>
        <label for={id}>{t("tpl.source")}</label>
        <p class="hint" id={`${id}-hint`}>
          {t("tpl.sourceHint")}
        </p>
        <div class="code-editor">
          <div class="code-gutter" aria-hidden="true" style={{ transform: `translateY(-${scrollTop()}px)` }}>
            <For each={Array.from({ length: lines() }, (_, i) => i + 1)}>{(n) => <span classList={{ "code-line-bad": lineError()?.line === n }}>{n}</span>}</For>
          </div>
          <textarea
            ref={area}
            id={id}
            class="code-area"
            spellcheck={false}
            wrap="off"
            value={source()}
            readOnly={!props.canEdit}
            onInput={(e) => (setSource(e.currentTarget.value), setSaved(null))}
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
            aria-invalid={lineError() ? "true" : undefined}
            aria-describedby={`${id}-hint${lineError() ? ` ${id}-error` : ""}`}
          />
        </div>
        <Show when={lineError()}>
          {(le) => (
            <p class="field-error" id={`${id}-error`} role="alert" data-testid="template-error">
              <Show when={le().line} fallback={`${t("error.invalid_template")} ${le().message}`}>
                {(line) => (
                  <button type="button" class="link-button" onClick={() => goToLine(line())}>
                    {t("tpl.errorAtLine", { line: line(), message: le().message })}
                  </button>
                )}
              </Show>
            </p>
          )}
        </Show>
      </div>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <Show when={props.canEdit}>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy() || !dirty()}>
            {busy() ? t("tpl.saving") : t("tpl.save")}
          </button>
          <Show when={dirty() && !busy()}>
            <p class="muted small" role="status">
              {t("tpl.unsaved")}
            </p>
          </Show>
          <Show when={saved() && !dirty()}>
            <p class="form-ok small" role="status">
              {saved()}
            </p>
          </Show>
        </div>
      </Show>
    </form>
  );
}
