/** Configuración: one's own profile name, language and password. Account branding comes later. */
import { t } from "../i18n";
import PageHeader from "../components/PageHeader";
import ProfileForm from "../components/ProfileForm";
import LanguageForm from "../components/LanguageForm";
import PasswordForm from "../components/PasswordForm";

export default function SettingsPage() {
  return (
    <>
      <PageHeader title={t("settings.title")} subtitle={t("settings.brandingLater")} />
      <div class="settings-grid">
        <section class="card" aria-labelledby="settings-profile">
          <h2 id="settings-profile" class="card-title">
            {t("settings.profile")}
          </h2>
          <ProfileForm />
        </section>
        <section class="card" aria-labelledby="settings-language">
          <h2 id="settings-language" class="card-title">
            {t("settings.language")}
          </h2>
          <LanguageForm />
        </section>
        <section class="card" aria-labelledby="settings-password">
          <h2 id="settings-password" class="card-title">
            {t("settings.password")}
          </h2>
          <PasswordForm />
        </section>
      </div>
    </>
  );
}
