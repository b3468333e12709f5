/**
 * The sub-navigation of the Contactos section: Contactos, Listas, Segmentos, Supresión, Campos. Links,
 * not ARIA tabs, because each one is its own page with its own address.
 */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t, type MessageKey } from "../i18n";

const TABS: { href: string; label: MessageKey; end?: boolean }[] = [
  { href: "/contacts", label: "aud.tabs.contacts", end: true },
  { href: "/contacts/lists", label: "aud.tabs.lists" },
  { href: "/contacts/segments", label: "aud.tabs.segments" },
  { href: "/contacts/suppression", label: "aud.tabs.suppression" },
  { href: "/contacts/fields", label: "aud.tabs.fields" },
];

export default function AudienceTabs() {
  return (
    <nav class="subnav" aria-label={t("aud.tabs.label")}>
      <ul>
        <For each={TABS}>
          {(tab) => (
            <li>
              <A href={tab.href} end={tab.end} activeClass="active">
                {t(tab.label)}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
