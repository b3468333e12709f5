/** A social post's status as a badge (W6): pending and posting neutral, posted green, failed red. */
import { t } from "../i18n";
import type { SocialPostOut } from "../lib/api";

const TONE: Record<SocialPostOut["status"], string> = { pending: "badge-info", posting: "badge-info", posted: "badge-ok", failed: "badge-bad" };

export default function SocialStatusBadge(props: { status: SocialPostOut["status"] }) {
  return <span class={`badge ${TONE[props.status]}`}>{t(`soc.status.${props.status}`)}</span>;
}
