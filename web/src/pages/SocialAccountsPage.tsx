/**
 * Configuración → Redes sociales (W6): the connected Facebook, LinkedIn and X accounts, for the
 * owner and administrators (users.manage, the permission the API requires). One primary action,
 * "Conectar cuenta", top right.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { can } from "../lib/session";
import BackLink from "../components/BackLink";
import NoAccess from "../components/NoAccess";
import PageHeader from "../components/PageHeader";
import SocialAccountsSection from "../components/SocialAccountsSection";

export default function SocialAccountsPage() {
  const [adding, setAdding] = createSignal(false);
  return (
    <Show when={can("users.manage")} fallback={<NoAccess />}>
      <BackLink href="/settings" label={t("nav.settings")} />
      <PageHeader
        title={t("soc.title")}
        subtitle={t("soc.subtitle")}
        action={
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
            {t("soc.add")}
          </button>
        }
      />
      <SocialAccountsSection adding={adding()} onAddingChange={setAdding} />
    </Show>
  );
}
