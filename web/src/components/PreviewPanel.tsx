/**
 * "Vista previa": the contact picker above the three device frames. `load` renders with a
 * contact (or sample data); it runs again when the contact or `version` changes (after a save).
 */
import { Show, createEffect, createSignal, on } from "solid-js";
import { t } from "../i18n";
import type { ContactOut, TemplatePreview, TestSendOut } from "../lib/api";
import { emailErrorText } from "../lib/email";
import ContactPicker from "./ContactPicker";
import DevicePreviews from "./DevicePreviews";
import TestSendForm from "./TestSendForm";

export default function PreviewPanel(props: {
  load: (contactId?: number) => Promise<TemplatePreview>;
  version?: number;
  canPickContact: boolean;
  /** When given, a test-send form uses the chosen contact (campaigns only). */
  testSend?: (to: string[], contactId?: number) => Promise<TestSendOut>;
}) {
  const [contact, setContact] = createSignal<ContactOut | null>(null);
  const [preview, setPreview] = createSignal<TemplatePreview | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);
  let seq = 0;
  createEffect(
    on([contact, () => props.version], async ([c]) => {
      const mine = ++seq;
      setLoading(true);
      setError(null);
      try {
        const p = await props.load(c ? c.id : undefined);
        if (mine === seq) setPreview(p);
      } catch (err) {
        if (mine === seq) setError(emailErrorText(err));
      } finally {
        if (mine === seq) setLoading(false);
      }
    }),
  );
  return (
    <section class="section" aria-labelledby="preview-title">
      <div class="section-head">
        <div>
          <h2 id="preview-title" class="section-title">
            {t("preview.title")}
          </h2>
          <p class="muted small section-hint">{t("preview.hint")}</p>
        </div>
      </div>
      <Show when={props.canPickContact}>
        <ContactPicker channel="email" chosen={contact()} onChoose={setContact} />
      </Show>
      <Show when={loading() && !preview()}>
        <p class="loading" role="status">
          {t("preview.loading")}
        </p>
      </Show>
      <Show when={error()}>
        <p class="notice notice-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={preview()}>
        {(p) => (
          <>
            <Show when={p().subject}>
              <p class="preview-subject" data-testid="preview-subject">
                {t("preview.subject", { subject: p().subject ?? "" })}
              </p>
            </Show>
            <DevicePreviews html={p().html} />
          </>
        )}
      </Show>
      <Show when={props.testSend}>{(send) => <TestSendForm contact={contact()} send={send()} />}</Show>
    </section>
  );
}
