/** The way back from a detail page to its list ("← Listas"), above the page title. */
import { A } from "@solidjs/router";
import { t } from "../i18n";

export default function BackLink(props: { href: string; label: string }) {
  return (
    <nav class="breadcrumb" aria-label={t("aud.breadcrumb")}>
      <A href={props.href}>{props.label}</A>
    </nav>
  );
}
