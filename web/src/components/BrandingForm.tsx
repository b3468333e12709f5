/**
 * "Marca de la cuenta": logo URL, primary and secondary colours (a colour picker beside its
 * text), organisation, postal address and website. Editable with users.manage; read-only otherwise.
 */
import { For, Show, createSignal, createUniqueId } from "solid-js";
import { t } from "../i18n";
import { api, type BrandingOut } from "../lib/api";
import { errorField } from "../lib/errors";
import { emailErrorText } from "../lib/email";
import * as v from "../lib/validate";
import TextField from "./TextField";

type Field = "logoUrl" | "primaryColor" | "secondaryColor" | "organisation" | "address" | "website";
const COLOR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const URL_RE = /^https?:\/\/\S+$/;

export default function BrandingForm(props: { branding: BrandingOut; canEdit: boolean; onSaved: (b: BrandingOut) => void }) {
  const uid = createUniqueId();
  const [values, setValues] = createSignal<Record<Field, string>>({
    logoUrl: props.branding.logoUrl ?? "",
    primaryColor: props.branding.primaryColor,
    secondaryColor: props.branding.secondaryColor,
    organisation: props.branding.organisation,
    address: props.branding.address,
    website: props.branding.website ?? "",
  });
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (f: Field, x: string) => (setValues((s) => ({ ...s, [f]: x })), setErrors((e) => ({ ...e, [f]: undefined })), setSaved(null));

  const check = (f: Field): string | undefined => {
    const x = values()[f].trim();
    if (f === "primaryColor" || f === "secondaryColor") return COLOR.test(x) ? undefined : t("brand.colorInvalid");
    if (f === "organisation") return v.required(x) ? t("validation.required") : undefined;
    if (f === "logoUrl" || f === "website") return !x || URL_RE.test(x) ? undefined : t("brand.urlInvalid");
    return undefined;
  };
  const blur = (f: Field) => () => setErrors((e) => ({ ...e, [f]: check(f) }));

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const next: Partial<Record<Field, string>> = {};
    for (const f of Object.keys(values()) as Field[]) {
      const m = check(f);
      if (m) next[f] = m;
    }
    setErrors(next);
    if (Object.keys(next).length) return;
    const x = values();
    setBusy(true);
    try {
      const b = await api.updateBranding({
        logoUrl: x.logoUrl.trim() || null,
        primaryColor: x.primaryColor.trim(),
        secondaryColor: x.secondaryColor.trim(),
        organisation: x.organisation.trim(),
        address: x.address.trim(),
        website: x.website.trim() || null,
      });
      props.onSaved(b);
      setSaved(t("brand.saved"));
    } catch (err) {
      const f = errorField(err) as Field | undefined;
      if (f && f in x) setErrors((e) => ({ ...e, [f]: emailErrorText(err) }));
      else setFormError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  const colors = [
    { f: "primaryColor" as const, label: "brand.primary" as const },
    { f: "secondaryColor" as const, label: "brand.secondary" as const },
  ];

  return (
    <form class="form" onSubmit={submit} novalidate>
      <fieldset class="plain-fieldset" disabled={!props.canEdit}>
        <TextField label={t("brand.organisation")} name="organisation" value={values().organisation} onInput={(x) => set("organisation", x)} onBlur={blur("organisation")} error={errors().organisation} autocomplete="organization" required />
        <TextField label={t("brand.logoUrl")} name="logoUrl" value={values().logoUrl} onInput={(x) => set("logoUrl", x)} onBlur={blur("logoUrl")} error={errors().logoUrl} hint={t("brand.logoHint")} autocomplete="off" />
        <div class="form-row">
          <For each={colors}>
            {(c) => (
              <div class="field" classList={{ "has-error": !!errors()[c.f] }}>
                <label for={`${uid}-${c.f}`}>{t(c.label)}</label>
                <div class="color-row">
                  <input type="color" aria-label={t(c.label)} value={COLOR.test(values()[c.f]) && values()[c.f].length === 7 ? values()[c.f] : "#000000"} onInput={(e) => set(c.f, e.currentTarget.value)} />
                  <input id={`${uid}-${c.f}`} type="text" class="mono" value={values()[c.f]} onInput={(e) => set(c.f, e.currentTarget.value)} onBlur={blur(c.f)} aria-describedby={`${uid}-${c.f}-hint`} aria-invalid={errors()[c.f] ? "true" : undefined} />
                </div>
                <p class="hint" id={`${uid}-${c.f}-hint`}>
                  {t("brand.colorHint")}
                </p>
                <Show when={errors()[c.f]}>
                  <p class="field-error">{errors()[c.f]}</p>
                </Show>
              </div>
            )}
          </For>
        </div>
        <TextField label={t("brand.address")} name="address" value={values().address} onInput={(x) => set("address", x)} error={errors().address} hint={t("brand.addressHint")} autocomplete="street-address" />
        <TextField label={t("brand.website")} name="website" value={values().website} onInput={(x) => set("website", x)} onBlur={blur("website")} error={errors().website} autocomplete="url" />
      </fieldset>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <Show when={props.canEdit} fallback={<p class="muted small">{t("brand.readOnly")}</p>}>
        <div class="form-actions">
          <button type="submit" class="btn btn-secondary" disabled={busy()}>
            {busy() ? t("brand.saving") : t("brand.save")}
          </button>
          <Show when={saved()}>
            <p class="form-ok small" role="status">
              {saved()}
            </p>
          </Show>
        </div>
      </Show>
    </form>
  );
}
