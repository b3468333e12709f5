/** Who is logged in (name and role), the language switch and "Cerrar sesión": in the header on wide screens, in the drawer on phones. */
import { Show } from "solid-js";
import { t } from "../i18n";
import { me } from "../lib/session";
import LanguageSelect from "./LanguageSelect";

export default function AccountControls(props: { onLogout: () => void; inDrawer?: boolean }) {
  return (
    <div class={props.inDrawer ? "account account-drawer" : "account"}>
      <Show when={me()}>
        {(m) => (
          <p class="whoami" data-testid="whoami">
            <span class="whoami-name">{m().user.name}</span>
            <span class="role-badge">{t(`role.${m().user.role}`)}</span>
          </p>
        )}
      </Show>
      <LanguageSelect compact={!props.inDrawer} />
      <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onLogout()}>
        {t("header.logout")}
      </button>
    </div>
  );
}
