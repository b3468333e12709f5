/**
 * Configuración → SMS: the segment policy, the provider connections (with the callback URLs to
 * give each provider) and the portability table. Everyone who reads campaigns sees the policy;
 * connections and portability, and every change, are for the owner and administrators
 * (users.manage, the permission those operations require: their callback URLs carry secrets).
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import NoAccess from "../components/NoAccess";
import PageHeader from "../components/PageHeader";
import SmsConnectionsSection from "../components/SmsConnectionsSection";
import SmsPolicyForm from "../components/SmsPolicyForm";
import SmsPortabilitySection from "../components/SmsPortabilitySection";
import "../styles/sms.css";

export default function SmsSettingsPage() {
  const canEdit = () => can("users.manage");
  const settings = createLoader(() => api.smsSettings(), can("campaigns.read"));
  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <BackLink href="/settings" label={t("nav.settings")} />
      <PageHeader title={t("sms.settings.title")} subtitle={canEdit() ? t("sms.settings.subtitle") : t("sms.settings.readOnly")} />
      <section class="card section" aria-labelledby="sms-policy-title">
        <h2 id="sms-policy-title" class="card-title">
          {t("sms.policy.title")}
        </h2>
        <LoadState loading={settings.loading()} error={settings.error()} onRetry={() => void settings.reload()} />
        <Show when={settings.data()}>{(s) => <SmsPolicyForm settings={s()} canEdit={canEdit()} onSaved={(x) => settings.setData(x)} />}</Show>
      </section>
      <Show when={canEdit()}>
        <SmsConnectionsSection canEdit />
        <SmsPortabilitySection canEdit />
      </Show>
    </Show>
  );
}
