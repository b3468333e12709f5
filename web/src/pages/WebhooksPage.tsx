/**
 * Configuración → Webhooks (B1): the account's outgoing webhooks, for the owner and
 * administrators (users.manage, the permission the webhooks API requires). One primary action,
 * "Nuevo webhook", top right.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { can } from "../lib/session";
import BackLink from "../components/BackLink";
import NoAccess from "../components/NoAccess";
import PageHeader from "../components/PageHeader";
import WebhooksSection from "../components/WebhooksSection";
import "../styles/webhooks.css";

export default function WebhooksPage() {
  const [adding, setAdding] = createSignal(false);
  return (
    <Show when={can("users.manage")} fallback={<NoAccess />}>
      <BackLink href="/settings" label={t("nav.settings")} />
      <PageHeader
        title={t("wh.title")}
        subtitle={t("wh.subtitle")}
        action={
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
            {t("wh.add")}
          </button>
        }
      />
      <WebhooksSection adding={adding()} onAddingChange={setAdding} />
    </Show>
  );
}
