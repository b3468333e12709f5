/**
 * Configuración → Archivo público (W6), for the owner and administrators (users.manage, what the
 * archive API requires): the archive's details, its public and feed addresses, and the widget
 * and subscribe-form codes with live previews.
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import ArchiveEmbeds from "../components/ArchiveEmbeds";
import ArchiveForm from "../components/ArchiveForm";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import NoAccess from "../components/NoAccess";
import PageHeader from "../components/PageHeader";
import "../styles/archive.css";

export default function ArchivePage() {
  const archive = createLoader(() => api.archive(), can("users.manage"));
  const lists = createLoader(() => api.lists(), can("users.manage") && can("contacts.read"));
  return (
    <Show when={can("users.manage")} fallback={<NoAccess />}>
      <BackLink href="/settings" label={t("nav.settings")} />
      <PageHeader title={t("arch.title")} subtitle={t("arch.subtitle")} />
      <LoadState loading={archive.loading()} error={archive.error()} onRetry={() => void archive.reload()} />
      <Show when={archive.data()}>
        {(a) => (
          <>
            <section class="card section" aria-labelledby="arch-settings">
              <h2 id="arch-settings" class="card-title">
                {t("arch.settings")}
              </h2>
              <Show when={!a().stored}>
                <p class="muted small archive-status" data-testid="archive-not-saved">
                  {t("arch.notSaved")}
                </p>
              </Show>
              <ArchiveForm archive={a()} onSaved={(x) => archive.setData(x)} />
            </section>
            <ArchiveEmbeds archive={a()} lists={lists.data()?.lists ?? []} />
          </>
        )}
      </Show>
    </Show>
  );
}
