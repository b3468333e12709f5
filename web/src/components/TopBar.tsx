/** The header: menu button (phones), who is logged in and with which role, language, and logout. */
import { Show } from "solid-js";
import { t } from "../i18n";
import { me } from "../lib/session";
import LanguageSelect from "./LanguageSelect";

export default function TopBar(props: { menuOpen: boolean; onToggleMenu: () => void; onLogout: () => void }) {
  return (
    <header class="topbar">
      <button
        type="button"
        class="btn btn-ghost menu-toggle"
        aria-expanded={props.menuOpen}
        aria-controls="sidebar"
        onClick={() => props.onToggleMenu()}
      >
        <span class="menu-icon" aria-hidden="true" />
        {props.menuOpen ? t("nav.closeMenu") : t("nav.menu")}
      </button>
      <span class="topbar-brand">{t("app.name")}</span>
      <div class="topbar-right">
        <Show when={me()}>
          {(m) => (
            <p class="whoami" data-testid="whoami">
              <span class="whoami-name">{m().user.name}</span>
              <span class="role-badge">{t(`role.${m().user.role}`)}</span>
            </p>
          )}
        </Show>
        <LanguageSelect compact />
        <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onLogout()}>
          {t("header.logout")}
        </button>
      </div>
    </header>
  );
}
