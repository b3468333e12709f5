/** The "Redes sociales" card of Configuración (owner and administrators): what Configuración → Redes sociales holds, and the way there (W6). */
import { Show } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { can } from "../lib/session";

export default function SocialCard() {
  return (
    <Show when={can("users.manage")}>
      <section class="card section" aria-labelledby="settings-social">
        <h2 id="settings-social" class="card-title">
          {t("soc.title")}
        </h2>
        <p class="muted small">{t("soc.card")}</p>
        <A href="/settings/social" class="btn btn-secondary">
          {t("soc.link")}
        </A>
      </section>
    </Show>
  );
}
