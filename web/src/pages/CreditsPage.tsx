/**
 * Créditos: the caller's balance; for owner/admin also the main pool with every sub-user's
 * allocation and the credit bags; then the ledger history with "Cargar más".
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { createPaged } from "../lib/paged";
import { can } from "../lib/session";
import PageHeader from "../components/PageHeader";
import LoadState from "../components/LoadState";
import BalanceCards from "../components/BalanceCards";
import HoldersTable from "../components/HoldersTable";
import BagsTable from "../components/BagsTable";
import LedgerTable from "../components/LedgerTable";
import LoadMore from "../components/LoadMore";
import EmptyState from "../components/EmptyState";
import NoAccess from "../components/NoAccess";

export default function CreditsPage() {
  const credits = createLoader(() => api.credits(), can("credits.read"));
  const users = createLoader(() => api.listUsers(), can("users.read"));
  const history = createPaged((cursor) => api.creditHistory(cursor));
  if (can("credits.read")) void history.reload();

  const holderName = (holder: string) => {
    if (holder === "main") return t("credits.main");
    const u = users.data()?.users.find((x) => x.id === holder);
    return u ? u.name : t("credits.unknownUser", { id: holder.slice(0, 8) });
  };

  return (
    <Show when={can("credits.read")} fallback={<NoAccess />}>
      <PageHeader title={t("credits.title")} subtitle={can("credits.allocate") ? t("credits.allocateHint") : undefined} />
      <LoadState loading={credits.loading()} error={credits.error()} onRetry={() => void credits.reload()} />
      <Show when={credits.data()}>
        {(c) => (
          <>
            <section class="section" aria-labelledby="credits-mine">
              <h2 id="credits-mine" class="section-title">
                {c().main ? t("credits.main") : t("credits.mine")}
              </h2>
              <BalanceCards balance={c().me} testPrefix="me" />
            </section>
            <Show when={c().main}>
              {(main) => (
                <section class="section" aria-labelledby="credits-holders">
                  <h2 id="credits-holders" class="section-title">
                    {t("credits.holders")}
                  </h2>
                  <HoldersTable main={main()} allocations={c().allocations ?? []} holderName={holderName} />
                </section>
              )}
            </Show>
            <Show when={c().bags}>
              {(bags) => (
                <section class="section" aria-labelledby="credits-bags">
                  <h2 id="credits-bags" class="section-title">
                    {t("credits.bags")}
                  </h2>
                  <Show when={bags().length > 0} fallback={<EmptyState body={t("credits.bagsEmpty")} />}>
                    <BagsTable bags={bags()} />
                  </Show>
                </section>
              )}
            </Show>
          </>
        )}
      </Show>
      <section class="section" aria-labelledby="credits-history">
        <h2 id="credits-history" class="section-title">
          {t("credits.history")}
        </h2>
        <LoadState loading={history.loading() && !history.loaded()} error={history.error()} onRetry={() => void history.reload()} />
        <Show when={history.loaded()}>
          <Show when={history.items().length > 0} fallback={<EmptyState body={t("credits.historyEmpty")} />}>
            <LedgerTable entries={history.items()} holderName={holderName} />
          </Show>
          <LoadMore hasMore={history.hasMore()} loading={history.loading()} onLoad={() => void history.loadMore()} count={history.items().length} />
        </Show>
      </section>
    </Show>
  );
}
