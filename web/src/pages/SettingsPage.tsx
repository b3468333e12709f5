/** Configuración: one's own profile name, language and password; the account's branding, a way to its sending domains, its send limits (editable with users.manage) and ways to its SMS settings, SMS keywords, outgoing webhooks, the public archive and the connected social accounts. */
import { Show } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import BrandingForm from "../components/BrandingForm";
import BrandingFacts from "../components/BrandingFacts";
import LoadState from "../components/LoadState";
import PageHeader from "../components/PageHeader";
import ProfileForm from "../components/ProfileForm";
import LanguageForm from "../components/LanguageForm";
import PasswordForm from "../components/PasswordForm";
import SendLimitsSection from "../components/SendLimitsSection";
import SmsSettingsCard from "../components/SmsSettingsCard";
import SmsKeywordsCard from "../components/SmsKeywordsCard";
import WebhooksCard from "../components/WebhooksCard";
import ArchiveCard from "../components/ArchiveCard";
import SocialCard from "../components/SocialCard";

export default function SettingsPage() {
  const branding = createLoader(() => api.branding(), can("campaigns.read"));
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
      <Show when={can("campaigns.read")}>
        <section class="card section branding-card" aria-labelledby="settings-branding">
          <h2 id="settings-branding" class="card-title">
            {t("brand.title")}
          </h2>
          <p class="muted small">{t("brand.hint")}</p>
          <LoadState loading={branding.loading()} error={branding.error()} onRetry={() => void branding.reload()} />
          <Show when={branding.data()}>
            {(b) => (
              <Show when={can("users.manage")} fallback={<BrandingFacts branding={b()} />}>
                <BrandingForm branding={b()} canEdit onSaved={(x) => branding.setData(x)} />
              </Show>
            )}
          </Show>
        </section>
        <section class="card section" aria-labelledby="settings-domains">
          <h2 id="settings-domains" class="card-title">
            {t("dom.title")}
          </h2>
          <p class="muted small">{t("dom.subtitle")}</p>
          <A href="/domains" class="btn btn-secondary">
            {t("settings.domainsLink")}
          </A>
        </section>
        <SendLimitsSection />
        <SmsSettingsCard />
        <SmsKeywordsCard />
        <WebhooksCard />
        <ArchiveCard />
        <SocialCard />
      </Show>
    </>
  );
}
