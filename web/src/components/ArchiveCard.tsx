/** The "Archivo público" card of Configuración (owner and administrators): what its page holds, and the way there (W6). */
import { Show } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { can } from "../lib/session";

export default function ArchiveCard() {
  return (
    <Show when={can("users.manage")}>
      <section class="card section" aria-labelledby="settings-archive">
        <h2 id="settings-archive" class="card-title">
          {t("arch.title")}
        </h2>
        <p class="muted small">{t("arch.card")}</p>
        <A href="/settings/archive" class="btn btn-secondary">
          {t("arch.link")}
        </A>
      </section>
    </Show>
  );
}
