/** The "SMS" card of Configuración: what Configuración → SMS holds, and the way there. */
import { A } from "@solidjs/router";
import { t } from "../i18n";

export default function SmsSettingsCard() {
  return (
    <section class="card section" aria-labelledby="settings-sms">
      <h2 id="settings-sms" class="card-title">
        {t("nav.sms")}
      </h2>
      <p class="muted small">{t("sms.settings.card")}</p>
      <A href="/settings/sms" class="btn btn-secondary sms-block">
        {t("sms.settings.link")}
      </A>
    </section>
  );
}
