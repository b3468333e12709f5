/**
 * "Nueva campaña": first the channel, "Correo" or "SMS", then that channel's form (CampaignForm
 * with subject, sender and template; SmsCampaignForm with the message in the SMS composer).
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import type { CampaignOut, ListOut, SegmentOut, TemplateSummary } from "../lib/api";
import RadioGroup from "./RadioGroup";
import CampaignForm from "./CampaignForm";
import SmsCampaignForm from "./SmsCampaignForm";

export default function NewCampaignForm(props: { templates: TemplateSummary[]; lists: ListOut[]; segments: SegmentOut[]; onSaved: (c: CampaignOut) => void; onCancel: () => void }) {
  const [channel, setChannel] = createSignal<"email" | "sms">("email");
  return (
    <>
      <RadioGroup
        legend={t("smsCamp.channel")}
        value={channel()}
        options={[
          { value: "email", label: t("smsCamp.channel.email") },
          { value: "sms", label: t("smsCamp.channel.sms") },
        ]}
        onChange={(v) => setChannel(v === "sms" ? "sms" : "email")}
      />
      <Show when={channel() === "sms"} fallback={<CampaignForm templates={props.templates} lists={props.lists} segments={props.segments} onCancel={() => props.onCancel()} onSaved={(c) => props.onSaved(c)} />}>
        <SmsCampaignForm lists={props.lists} segments={props.segments} onCancel={() => props.onCancel()} onSaved={(c) => props.onSaved(c)} />
      </Show>
    </>
  );
}
