/** Inicio: a greeting and the caller's credit balances (the main pool for owner/admin) as KPI cards. */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can, me } from "../lib/session";
import { drawsFromMainPool, type Role } from "../../../shared/auth/roles";
import PageHeader from "../components/PageHeader";
import LoadState from "../components/LoadState";
import BalanceCards from "../components/BalanceCards";
import EmptyState from "../components/EmptyState";

export default function HomePage() {
  const credits = createLoader(() => api.credits(), can("credits.read"));
  const isMain = () => drawsFromMainPool(me()!.user.role as Role);
  const empty = () => {
    const b = credits.data()?.me;
    return !!b && !isMain() && b.email.available + b.email.reserved + b.sms.available + b.sms.reserved === 0;
  };
  return (
    <>
      <PageHeader title={t("home.title")} subtitle={t("home.greeting", { name: me()!.user.name })} />
      <Show when={can("credits.read")}>
        <section class="section" aria-labelledby="home-balance">
          <h2 id="home-balance" class="section-title">
            {isMain() ? t("home.mainBalance") : t("home.ownBalance")}
          </h2>
          <LoadState loading={credits.loading()} error={credits.error()} onRetry={() => void credits.reload()} />
          <Show when={credits.data()}>{(c) => <BalanceCards balance={c().me} testPrefix="me" />}</Show>
          <Show when={empty()}>
            <EmptyState body={t("home.emptyHint")} />
          </Show>
        </section>
      </Show>
    </>
  );
}
