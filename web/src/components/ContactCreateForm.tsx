/**
 * "Nuevo contacto": email and/or phone, name, position, company, the lists to add it to, and
 * the consent given per channel (email; SMS apart, as the law asks). Validates on blur and on
 * submit; the server's complaint about the email or phone lands next to that field.
 */
import { For, Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type ContactDetail, type ListOut } from "../lib/api";
import { errorField } from "../lib/errors";
import { fieldErrorText } from "../lib/audience";
import * as v from "../lib/validate";
import TextField from "./TextField";
import CheckboxField from "./CheckboxField";

type Field = "email" | "phone";

export default function ContactCreateForm(props: { lists: ListOut[]; onCreated: (c: ContactDetail) => void; onCancel: () => void }) {
  const [email, setEmail] = createSignal("");
  const [phone, setPhone] = createSignal("");
  const [firstName, setFirstName] = createSignal("");
  const [lastName, setLastName] = createSignal("");
  const [position, setPosition] = createSignal("");
  const [company, setCompany] = createSignal("");
  const [listIds, setListIds] = createSignal<string[]>([]);
  const [consentEmail, setConsentEmail] = createSignal(false);
  const [consentSms, setConsentSms] = createSignal(false);
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const checkEmail = () => {
    const key = email().trim() ? v.email(email()) : null;
    setErrors((e) => ({ ...e, email: key ? t(key) : undefined }));
    return !key;
  };
  const checkPhone = () => {
    const digits = phone().replace(/\D/g, "");
    const bad = phone().trim() !== "" && digits.length < 6;
    setErrors((e) => ({ ...e, phone: bad ? t("contact.form.phoneHint") : undefined }));
    return !bad;
  };
  const toggleList = (id: string, on: boolean) => setListIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    if (![checkEmail(), checkPhone()].every(Boolean)) return;
    if (!email().trim() && !phone().trim()) {
      setErrors({ email: t("contact.form.needOne") });
      return;
    }
    setBusy(true);
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    try {
      const c = await api.createContact({
        email: opt(email()),
        phone: opt(phone()),
        firstName: opt(firstName()),
        lastName: opt(lastName()),
        position: opt(position()),
        company: opt(company()),
        listIds: listIds(),
        consent: { email: consentEmail(), sms: consentSms() },
      });
      props.onCreated(c);
    } catch (err) {
      const field = errorField(err);
      if (field === "email" || field === "phone") setErrors((x) => ({ ...x, [field]: fieldErrorText(err) }));
      else setFormError(fieldErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <TextField label={t("contact.form.email")} name="email" type="email" value={email()} onInput={(x) => (setEmail(x), setErrors((e) => ({ ...e, email: undefined })))} onBlur={checkEmail} error={errors().email} autocomplete="off" inputMode="email" autofocus />
      <TextField label={t("contact.form.phone")} name="phone" value={phone()} onInput={(x) => (setPhone(x), setErrors((e) => ({ ...e, phone: undefined })))} onBlur={checkPhone} error={errors().phone} hint={t("contact.form.phoneHint")} autocomplete="off" inputMode="numeric" />
      <div class="form-row">
        <TextField label={t("contact.form.firstName")} name="firstName" value={firstName()} onInput={setFirstName} autocomplete="off" />
        <TextField label={t("contact.form.lastName")} name="lastName" value={lastName()} onInput={setLastName} autocomplete="off" />
      </div>
      <div class="form-row">
        <TextField label={t("contact.form.position")} name="position" value={position()} onInput={setPosition} autocomplete="off" />
        <TextField label={t("contact.form.company")} name="company" value={company()} onInput={setCompany} autocomplete="off" />
      </div>
      <fieldset class="check-group">
        <legend class="legend">{t("contact.form.lists")}</legend>
        <Show when={props.lists.length > 0} fallback={<p class="hint">{t("contact.form.noLists")}</p>}>
          <For each={props.lists}>{(l) => <CheckboxField label={l.name} checked={listIds().includes(l.id)} onChange={(on) => toggleList(l.id, on)} />}</For>
        </Show>
      </fieldset>
      <fieldset class="check-group">
        <legend class="legend">{t("contact.form.consent")}</legend>
        <CheckboxField label={t("contact.form.consentEmail")} checked={consentEmail()} onChange={setConsentEmail} />
        <CheckboxField label={t("contact.form.consentSms")} checked={consentSms()} onChange={setConsentSms} />
        <p class="hint">{t("contact.form.consentHint")}</p>
      </fieldset>
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
          {busy() ? t("contact.form.creating") : t("contact.form.create")}
        </button>
      </div>
    </form>
  );
}
