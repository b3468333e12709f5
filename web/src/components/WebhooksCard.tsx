/** The "Webhooks" card of Configuración (owner and administrators): what Configuración → Webhooks holds, and the way there. */
import { Show } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { can } from "../lib/session";

export default function WebhooksCard() {
  return (
    <Show when={can("users.manage")}>
      <section class="card section" aria-labelledby="settings-webhooks">
        <h2 id="settings-webhooks" class="card-title">
          {t("wh.title")}
        </h2>
        <p class="muted small">{t("wh.card")}</p>
        <A href="/settings/webhooks" class="btn btn-secondary">
          {t("wh.link")}
        </A>
      </section>
    </Show>
  );
}
