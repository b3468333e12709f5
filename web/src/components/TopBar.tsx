/** The header: menu button and product name on phones; who is logged in, language and logout on wider screens. */
import { Show } from "solid-js";
import { t } from "../i18n";
import { isNarrow } from "../lib/media";
import AccountControls from "./AccountControls";

export default function TopBar(props: { menuOpen: boolean; onToggleMenu: () => void; onLogout: () => void }) {
  return (
    <header class="topbar">
      <Show when={isNarrow()}>
        <button type="button" class="btn btn-ghost menu-toggle" aria-expanded={props.menuOpen} aria-controls="sidebar" onClick={() => props.onToggleMenu()}>
          <span class="menu-icon" aria-hidden="true" />
          {props.menuOpen ? t("nav.closeMenu") : t("nav.menu")}
        </button>
        <span class="topbar-brand">{t("app.name")}</span>
      </Show>
      <Show when={!isNarrow()}>
        <AccountControls onLogout={() => props.onLogout()} />
      </Show>
    </header>
  );
}
