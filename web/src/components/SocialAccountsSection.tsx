/**
 * The connected social accounts in Configuración → Redes sociales (W6): network and name, target,
 * the token's last four characters, auto-publish (switchable), the latest post (status, link,
 * the network's error), and per row "Cambiar token" and "Desconectar" (confirmed). "Conectar
 * cuenta" opens the form. A note says posts need the public archive, with the way there.
 */
import { For, Show, createSignal } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import { api, type SocialAccountOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { createDeleteFlow } from "../lib/delete-flow";
import { createLoader } from "../lib/load";
import DeleteDialog from "./DeleteDialog";
import Dialog from "./Dialog";
import EmptyState from "./EmptyState";
import LoadState from "./LoadState";
import Notice from "./Notice";
import SocialAccountForm from "./SocialAccountForm";
import SocialStatusBadge from "./SocialStatusBadge";
import SocialTokenForm from "./SocialTokenForm";
import "../styles/social.css";

export default function SocialAccountsSection(props: { adding: boolean; onAddingChange: (v: boolean) => void }) {
  const list = createLoader(() => api.socialAccounts());
  const [busy, setBusy] = createSignal<string | null>(null);
  const [retoken, setRetoken] = createSignal<SocialAccountOut | null>(null);
  const [notice, setNotice] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  const rows = () => list.data()?.accounts ?? [];
  const replace = (a: SocialAccountOut) => list.setData({ accounts: rows().map((x) => (x.id === a.id ? a : x)) });

  function created(a: SocialAccountOut) {
    props.onAddingChange(false);
    list.setData({ accounts: [...rows(), a] });
    setNotice({ tone: "success", text: t("soc.connected") });
  }

  async function toggle(a: SocialAccountOut) {
    setBusy(a.id);
    try {
      replace(await api.updateSocialAccount(a.id, { autoPublish: !a.autoPublish }));
    } catch (err) {
      setNotice({ tone: "error", text: errorText(err) });
    } finally {
      setBusy(null);
    }
  }

  const del = createDeleteFlow<SocialAccountOut>({
    remove: (a) => api.deleteSocialAccount(a.id),
    onDeleted: (a) => {
      list.setData({ accounts: rows().filter((x) => x.id !== a.id) });
      setNotice({ tone: "success", text: t("soc.deleted") });
    },
  });

  return (
    <section class="card section" aria-label={t("soc.tableLabel")} data-testid="social-accounts">
      <p class="muted small">
        {t("soc.archiveHint")} <A href="/settings/archive">{t("soc.archiveLink")}</A>
      </p>
      <Notice tone={notice()?.tone ?? "info"} text={notice()?.text ?? null} onDismiss={() => setNotice(null)} />
      <LoadState loading={list.loading()} error={list.error()} onRetry={() => void list.reload()} />
      <Show when={list.data()}>
        <Show when={rows().length > 0} fallback={<EmptyState body={t("soc.empty")} />}>
          <div class="table-wrap">
            <table class="data" aria-label={t("soc.tableLabel")}>
              <thead>
                <tr>
                  <th scope="col">{t("soc.col.account")}</th>
                  <th scope="col">{t("soc.col.token")}</th>
                  <th scope="col">{t("soc.col.auto")}</th>
                  <th scope="col">{t("soc.col.last")}</th>
                  <th scope="col" class="actions-col">
                    <span class="visually-hidden">{t("soc.delete")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(a) => (
                    <tr data-id={a.id}>
                      <td>
                        <strong>{t(`soc.net.${a.network}`)}</strong> · {a.name}
                        <span class="cell-sub muted small mono">{a.target}</span>
                      </td>
                      <td class="mono" data-testid="token-hint">
                        {a.tokenHint ?? <span class="badge badge-warn">{t("soc.tokenUnreadable")}</span>}
                      </td>
                      <td>
                        <span class="social-auto">
                          <span class={`badge ${a.autoPublish ? "badge-ok" : "badge-off"}`}>{a.autoPublish ? t("soc.autoOn") : t("soc.autoOff")}</span>
                          <button type="button" class="btn btn-ghost btn-small" disabled={busy() === a.id} onClick={() => void toggle(a)} aria-label={`${a.autoPublish ? t("soc.turnOff") : t("soc.turnOn")}: ${a.name}`}>
                            {a.autoPublish ? t("soc.turnOff") : t("soc.turnOn")}
                          </button>
                        </span>
                      </td>
                      <td>
                        <Show when={a.lastPost} fallback={<span class="muted">{t("soc.noPost")}</span>}>
                          {(p) => (
                            <>
                              <SocialStatusBadge status={p().status} /> <span class="muted small">{formatDateTime(p().at)}</span>
                              <Show when={p().url}>
                                {(u) => (
                                  <>
                                    {" "}
                                    <a href={u()} target="_blank" rel="noopener noreferrer">
                                      {t("soc.camp.view")}
                                    </a>
                                  </>
                                )}
                              </Show>
                              <Show when={p().status === "failed" && p().error}>
                                <span class="cell-sub small field-error">{p().error}</span>
                              </Show>
                            </>
                          )}
                        </Show>
                      </td>
                      <td class="actions-col">
                        <div class="row-actions">
                          <button type="button" class="btn btn-ghost btn-small" onClick={() => setRetoken(a)}>
                            {t("soc.newToken")}
                          </button>
                          <button type="button" class="btn btn-ghost btn-small" onClick={() => del.ask(a)} aria-label={`${t("soc.delete")}: ${a.name}`}>
                            {t("soc.delete")}
                          </button>
                        </div>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
      <Dialog open={props.adding} title={t("soc.form.title")} onClose={() => props.onAddingChange(false)}>
        <SocialAccountForm onCreated={created} onCancel={() => props.onAddingChange(false)} />
      </Dialog>
      <Dialog open={retoken() !== null} title={t("soc.tokenForm.title", { name: retoken()?.name ?? "" })} onClose={() => setRetoken(null)}>
        <Show when={retoken()}>
          {(a) => <SocialTokenForm account={a()} onCancel={() => setRetoken(null)} onSaved={(next) => (replace(next), setRetoken(null), setNotice({ tone: "success", text: t("soc.saved") }))} />}
        </Show>
      </Dialog>
      <DeleteDialog flow={del} title={t("soc.deleteTitle")} lines={(a) => [t("soc.deleteSummary", { name: a.name })]} confirmLabel={t("soc.delete")} busyLabel={t("soc.deleting")} />
    </section>
  );
}
