/** The "Palabras clave SMS" card of Configuración: what keywords do, and the way to the page that manages them. */
import { A } from "@solidjs/router";
import { t } from "../i18n";

export default function SmsKeywordsCard() {
  return (
    <section class="card section" aria-labelledby="settings-sms-keywords">
      <h2 id="settings-sms-keywords" class="card-title">
        {t("kw.settingsTitle")}
      </h2>
      <p class="muted small">{t("kw.settingsHint")}</p>
      <A href="/inbox/keywords" class="btn btn-secondary">
        {t("kw.settingsLink")}
      </A>
    </section>
  );
}
