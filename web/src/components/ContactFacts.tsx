/** A contact's data as a definition list: standard fields, then each custom field by its label. */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { ContactDetail, FieldOut } from "../lib/api";

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return t("common.none");
  if (typeof value === "boolean") return value ? t("aud.yes") : t("aud.no");
  return String(value);
}

export default function ContactFacts(props: { contact: ContactDetail; fields: FieldOut[] }) {
  const standard = () => [
    { label: t("contact.form.email"), value: props.contact.email },
    { label: t("contact.form.phone"), value: props.contact.phone },
    { label: t("contact.form.firstName"), value: props.contact.firstName },
    { label: t("contact.form.lastName"), value: props.contact.lastName },
    { label: t("contact.form.position"), value: props.contact.position },
    { label: t("contact.form.company"), value: props.contact.company },
  ];
  const custom = () =>
    Object.entries(props.contact.fields).map(([key, value]) => ({
      key,
      label: props.fields.find((f) => f.key === key)?.label ?? key,
      value,
    }));
  return (
    <>
      <dl class="facts" data-testid="contact-facts">
        <For each={standard()}>
          {(f) => (
            <div>
              <dt>{f.label}</dt>
              <dd classList={{ muted: !f.value }}>{show(f.value)}</dd>
            </div>
          )}
        </For>
      </dl>
      <h3 class="subsection-title">{t("contact.customFields")}</h3>
      <Show when={custom().length > 0} fallback={<p class="muted small">{t("contact.noCustomFields")}</p>}>
        <dl class="facts" data-testid="contact-custom-fields">
          <For each={custom()}>
            {(f) => (
              <div>
                <dt>
                  {f.label} <span class="muted small">({f.key})</span>
                </dt>
                <dd>{show(f.value)}</dd>
              </div>
            )}
          </For>
        </dl>
      </Show>
    </>
  );
}
