/** A campaign's state as a badge with its word: Borrador, Programada, Enviando, Enviada… */
import { campaignStatusLabel, campaignStatusTone } from "../lib/email";

export default function CampaignStatusBadge(props: { status: string }) {
  return (
    <span class={`badge ${campaignStatusTone(props.status)}`} data-testid="campaign-status">
      {campaignStatusLabel(props.status)}
    </span>
  );
}
