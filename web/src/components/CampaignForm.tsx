/**
 * "Nueva campaña" (and "Editar" of a draft): name, subject (with merge fields like {{nombre}}),
 * preview text, sender name and address, reply-to, "Publicidad (Ley 28493)", template, the
 * lists and segments it goes to, and an optional A/B test (AbFields). Checked on blur and on
 * submit; the server's error goes next to the field it names (subject, fromAddress, ab.subjectB…).
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type CampaignOut, type CreateCampaignBody, type ListOut, type SegmentOut, type TemplateSummary } from "../lib/api";
import { errorField } from "../lib/errors";
import { emailErrorText } from "../lib/email";
import * as v from "../lib/validate";
import TextField from "./TextField";
import CheckboxField from "./CheckboxField";
import SelectField from "./SelectField";
import AudiencePicker from "./AudiencePicker";
import AbFields from "./AbFields";
import { AB_FIELDS, abBody, abCheck, abDraftOf, type AbDraft, type AbField } from "../lib/ab";

type Errors = Partial<Record<"name" | "subject" | "preheader" | "fromName" | "fromAddress" | "replyTo" | "templateId" | "audience", string>>;

export default function CampaignForm(props: {
  campaign?: CampaignOut;
  templates: TemplateSummary[];
  lists: ListOut[];
  segments: SegmentOut[];
  onSaved: (c: CampaignOut) => void;
  onCancel: () => void;
}) {
  const c = props.campaign;
  const [name, setName] = createSignal(c?.name ?? "");
  const [subject, setSubject] = createSignal(c?.subject ?? "");
  const [preheader, setPreheader] = createSignal(c?.preheader ?? "");
  const [fromName, setFromName] = createSignal(c?.fromName ?? "");
  const [fromAddress, setFromAddress] = createSignal(c?.fromAddress ?? "");
  const [replyTo, setReplyTo] = createSignal(c?.replyTo ?? "");
  const [commercial, setCommercial] = createSignal(c?.commercial ?? false);
  const [templateId, setTemplateId] = createSignal(c?.templateId ?? "");
  const [listIds, setListIds] = createSignal<string[]>(c?.audience.listIds ?? []);
  const [segmentIds, setSegmentIds] = createSignal<string[]>(c?.audience.segmentIds ?? []);
  const [ab, setAb] = createSignal<AbDraft | null>(abDraftOf(c?.ab));
  const [abErrors, setAbErrors] = createSignal<Partial<Record<AbField, string>>>({});
  const checkAb = () => {
    const d = ab();
    return d ? abCheck(d, { subject: subject(), templateId: templateId() }) : {};
  };
  const [errors, setErrors] = createSignal<Errors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const set = (k: keyof Errors, key: string | null) => setErrors((e) => ({ ...e, [k]: key ?? undefined }));
  const checks: Record<keyof Errors, () => string | null> = {
    name: () => (v.required(name()) ? t("validation.required") : null),
    subject: () => (v.required(subject()) ? t("validation.required") : null),
    preheader: () => null,
    fromName: () => (v.required(fromName()) ? t("validation.required") : null),
    fromAddress: () => {
      const k = v.email(fromAddress());
      return k ? t(k) : null;
    },
    replyTo: () => {
      const k = replyTo().trim() ? v.email(replyTo()) : null;
      return k ? t(k) : null;
    },
    templateId: () => (templateId() ? null : t("camp.form.templateRequired")),
    audience: () => (listIds().length + segmentIds().length ? null : t("camp.form.audienceRequired")),
  };
  const blur = (k: keyof Errors) => () => set(k, checks[k]());

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const next: Errors = {};
    for (const k of Object.keys(checks) as (keyof Errors)[]) {
      const m = checks[k]();
      if (m) next[k] = m;
    }
    setErrors(next);
    const abNext = checkAb();
    setAbErrors(abNext);
    if (Object.keys(next).length || Object.keys(abNext).length) return;
    const body: CreateCampaignBody = {
      name: name().trim(),
      subject: subject().trim(),
      preheader: preheader().trim() || undefined,
      fromName: fromName().trim(),
      fromAddress: fromAddress().trim(),
      replyTo: replyTo().trim() || undefined,
      commercial: commercial(),
      templateId: templateId(),
      audience: { listIds: listIds(), segmentIds: segmentIds() },
      ab: ab() ? abBody(ab()!) : null,
    };
    setBusy(true);
    try {
      props.onSaved(c ? await api.updateCampaign(c.id, body) : await api.createCampaign(body));
    } catch (err) {
      const field = errorField(err)?.split(".")[0];
      const abField = AB_FIELDS.find((f) => errorField(err) === f);
      if (abField) setAbErrors({ [abField]: emailErrorText(err) });
      else if (field && field in checks) set(field as keyof Errors, emailErrorText(err));
      else setFormError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form campaign-form" onSubmit={submit} novalidate>
      <TextField label={t("camp.form.name")} name="name" value={name()} onInput={(x) => (setName(x), set("name", null))} onBlur={blur("name")} error={errors().name} hint={t("camp.form.nameHint")} autocomplete="off" required autofocus />
      <TextField label={t("camp.form.subject")} name="subject" value={subject()} onInput={(x) => (setSubject(x), set("subject", null))} onBlur={blur("subject")} error={errors().subject} hint={t("camp.form.subjectHint")} autocomplete="off" required />
      <TextField label={t("camp.form.preheader")} name="preheader" value={preheader()} onInput={setPreheader} error={errors().preheader} hint={t("camp.form.preheaderHint")} autocomplete="off" />
      <div class="form-row">
        <TextField label={t("camp.form.fromName")} name="fromName" value={fromName()} onInput={(x) => (setFromName(x), set("fromName", null))} onBlur={blur("fromName")} error={errors().fromName} autocomplete="off" required />
        <TextField label={t("camp.form.fromAddress")} name="fromAddress" type="email" value={fromAddress()} onInput={(x) => (setFromAddress(x), set("fromAddress", null))} onBlur={blur("fromAddress")} error={errors().fromAddress} hint={t("camp.form.fromAddressHint")} autocomplete="off" required />
      </div>
      <TextField label={t("camp.form.replyTo")} name="replyTo" type="email" value={replyTo()} onInput={(x) => (setReplyTo(x), set("replyTo", null))} onBlur={blur("replyTo")} error={errors().replyTo} autocomplete="off" />
      <CheckboxField label={t("camp.form.commercial")} checked={commercial()} onChange={setCommercial} hint={t("camp.form.commercialHint")} />
      <SelectField
        label={t("camp.form.template")}
        name="templateId"
        value={templateId()}
        onChange={(x) => (setTemplateId(x), set("templateId", null))}
        options={[{ value: "", label: t("camp.form.templatePick") }, ...props.templates.map((tp) => ({ value: tp.id, label: tp.name }))]}
      />
      <Show when={errors().templateId}>
        <p class="field-error" role="alert">
          {errors().templateId}
        </p>
      </Show>
      <AudiencePicker
        lists={props.lists}
        segments={props.segments}
        listIds={listIds()}
        segmentIds={segmentIds()}
        onChange={(l, s) => (setListIds(l), setSegmentIds(s), set("audience", null))}
        error={errors().audience}
      />
      <AbFields
        value={ab()}
        templates={props.templates}
        templateId={templateId()}
        errors={abErrors()}
        onChange={(next) => (setAb(next), setAbErrors({}))}
        onBlur={(f) => setAbErrors((e) => ({ ...e, [f]: checkAb()[f] }))}
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
          {c ? (busy() ? t("camp.form.saving") : t("camp.form.save")) : busy() ? t("camp.form.creating") : t("camp.form.create")}
        </button>
      </div>
    </form>
  );
}
