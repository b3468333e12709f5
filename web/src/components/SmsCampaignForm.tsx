/**
 * "Nueva campaña" → SMS (and "Editar" of an SMS draft): name, the lists and segments it goes to,
 * and the message in the SmsComposer, which counts segments with links as the short links they
 * become and multiplies by the contacts the audience reaches by SMS (the credit estimate). The
 * account's segment policy applies as on the SMS page; the server's error goes next to the field
 * it names (text, audience, name).
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type CampaignOut, type ListOut, type SegmentOut } from "../lib/api";
import { errorField } from "../lib/errors";
import { emailErrorText } from "../lib/email";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { campaignLinkBase, smsReach } from "../lib/sms-campaign";
import * as v from "../lib/validate";
import TextField from "./TextField";
import AudiencePicker from "./AudiencePicker";
import SmsComposer from "./SmsComposer";

type Errors = Partial<Record<"name" | "text" | "audience", string>>;

export default function SmsCampaignForm(props: { campaign?: CampaignOut; lists: ListOut[]; segments: SegmentOut[]; onSaved: (c: CampaignOut) => void; onCancel: () => void }) {
  const c = props.campaign;
  const settings = createLoader(() => api.smsSettings(), can("campaigns.read"));
  const [name, setName] = createSignal(c?.name ?? "");
  const [text, setText] = createSignal(c?.text ?? "");
  const [confirmed, setConfirmed] = createSignal(false);
  const [listIds, setListIds] = createSignal<string[]>(c?.audience.listIds ?? []);
  const [segmentIds, setSegmentIds] = createSignal<string[]>(c?.audience.segmentIds ?? []);
  const [errors, setErrors] = createSignal<Errors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (k: keyof Errors, m: string | null) => setErrors((e) => ({ ...e, [k]: m ?? undefined }));
  const reach = () => smsReach({ listIds: listIds(), segmentIds: segmentIds() }, props.lists, props.segments).count;

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const next: Errors = {};
    if (v.required(name())) next.name = t("validation.required");
    if (!text().trim()) next.text = t("smsCamp.form.textRequired");
    if (listIds().length + segmentIds().length === 0) next.audience = t("camp.form.audienceRequired");
    setErrors(next);
    if (Object.keys(next).length) return;
    const fields = { name: name().trim(), text: text(), audience: { listIds: listIds(), segmentIds: segmentIds() }, confirmMultipart: confirmed() };
    setBusy(true);
    try {
      props.onSaved(c ? await api.updateCampaign(c.id, fields) : await api.createCampaign({ channel: "sms", ...fields }));
    } catch (err) {
      const field = errorField(err)?.split(".")[0];
      if (field === "name" || field === "text" || field === "audience") set(field, emailErrorText(err));
      else setFormError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form campaign-form" onSubmit={submit} novalidate>
      <TextField label={t("camp.form.name")} name="name" value={name()} onInput={(x) => (setName(x), set("name", null))} error={errors().name} hint={t("camp.form.nameHint")} autocomplete="off" required autofocus />
      <AudiencePicker lists={props.lists} segments={props.segments} listIds={listIds()} segmentIds={segmentIds()} onChange={(l, s) => (setListIds(l), setSegmentIds(s), set("audience", null))} error={errors().audience} channel="sms" />
      <SmsComposer
        label={t("smsCamp.form.text")}
        value={text()}
        onInput={(x) => (setText(x), set("text", null))}
        linkBase={campaignLinkBase()}
        recipients={reach()}
        policy={settings.data()?.segmentPolicy ?? null}
        confirmed={confirmed()}
        onConfirmedChange={setConfirmed}
        error={errors().text}
      />
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("smsCamp.form.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("smsCamp.form.saving") : t("smsCamp.form.submit")}
        </button>
      </div>
    </form>
  );
}
