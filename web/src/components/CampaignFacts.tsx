/**
 * A campaign's details as a definition list: subject, sender, template, audience, dates in Lima.
 * An SMS campaign has no subject, sender address or template: only its audience and dates.
 */
import { For } from "solid-js";
import { t } from "../i18n";
import type { CampaignOut } from "../lib/api";
import { formatDateTime } from "../lib/format";

export default function CampaignFacts(props: { campaign: CampaignOut; templateName: string; audience: string }) {
  const c = () => props.campaign;
  const none = t("camp.d.none");
  const emailRows = () => [
    { label: t("camp.d.subject"), value: c().subject },
    { label: t("camp.d.preheader"), value: c().preheader || none },
    { label: t("camp.d.from"), value: `${c().fromName} <${c().fromAddress}>` },
    { label: t("camp.d.replyTo"), value: c().replyTo || none },
    { label: t("camp.d.commercial"), value: c().commercial ? t("aud.yes") : t("aud.no") },
    { label: t("camp.d.template"), value: props.templateName },
  ];
  const rows = () => [
    ...(c().channel === "sms" ? [] : emailRows()),
    { label: t("camp.d.audience"), value: props.audience },
    { label: t("camp.d.scheduledAt"), value: formatDateTime(c().scheduledAt) || none },
    { label: t("camp.d.startedAt"), value: formatDateTime(c().startedAt) || none },
    { label: t("camp.d.finishedAt"), value: formatDateTime(c().finishedAt) || none },
  ];
  return (
    <dl class="facts" data-testid="campaign-facts">
      <For each={rows()}>
        {(r) => (
          <div>
            <dt>{r.label}</dt>
            <dd classList={{ muted: r.value === none }}>{r.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}
