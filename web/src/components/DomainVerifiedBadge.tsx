/** Whether a sending domain may be sent from: "Verificado" or "Sin verificar", as a badge with its word. */
import { t } from "../i18n";

export default function DomainVerifiedBadge(props: { verified: boolean }) {
  return <span class={`badge ${props.verified ? "badge-ok" : "badge-warn"}`}>{props.verified ? t("dom.verified") : t("dom.unverified")}</span>;
}
