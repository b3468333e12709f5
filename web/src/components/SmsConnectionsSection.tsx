/**
 * "Conexiones" of Configuración → SMS: every connection with its type, sender, operators,
 * priority, rate and state; the addresses to give each provider ("Ver direcciones"); and, for
 * those who manage the account, add, edit and delete (confirmed). The deployment's default
 * connection ("Predeterminada") is listed read-only.
 */
import { For, Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type SmsConnectionOut } from "../lib/api";
import { createDeleteFlow } from "../lib/delete-flow";
import { formatNumber } from "../lib/format";
import { createLoader } from "../lib/load";
import { operatorsText } from "../lib/sms-connections";
import DeleteDialog from "./DeleteDialog";
import Dialog from "./Dialog";
import EmptyState from "./EmptyState";
import LoadState from "./LoadState";
import Notice from "./Notice";
import SmsCallbackUrls from "./SmsCallbackUrls";
import SmsConnectionForm from "./SmsConnectionForm";

export default function SmsConnectionsSection(props: { canEdit: boolean }) {
  const list = createLoader(() => api.smsConnections());
  const [editing, setEditing] = createSignal<SmsConnectionOut | "new" | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const rows = () => list.data()?.connections ?? [];

  /** The list again from the server, in place (a first connection of its own replaces the default one). */
  const refresh = () =>
    api
      .smsConnections()
      .then((x) => list.setData(x))
      .catch(() => list.reload());

  function saved(c: SmsConnectionOut, created: boolean) {
    setEditing(null);
    setNotice(t(created ? "sms.conn.created" : "sms.conn.updated", { name: c.name }));
    if (created) setOpen(c.id);
    void refresh();
  }

  const del = createDeleteFlow<SmsConnectionOut>({
    remove: (c) => api.deleteSmsConnection(c.id),
    onDeleted: (c) => {
      void refresh();
      setNotice(t("sms.conn.deleted", { name: c.name }));
    },
  });

  return (
    <section class="card section" aria-labelledby="sms-conn-title" data-testid="sms-connections">
      <div class="section-head">
        <h2 id="sms-conn-title" class="card-title">
          {t("sms.conn.title")}
        </h2>
        <Show when={props.canEdit}>
          <button type="button" class="btn btn-secondary" onClick={() => setEditing("new")}>
            {t("sms.conn.add")}
          </button>
        </Show>
      </div>
      <p class="muted small">{t("sms.conn.hint")}</p>
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <LoadState loading={list.loading()} error={list.error()} onRetry={() => void list.reload()} />
      <Show when={list.data()}>
        <Show when={rows().length > 0} fallback={<EmptyState body={t("sms.conn.empty")} />}>
          <div class="table-wrap">
            <table class="data" aria-label={t("sms.conn.tableLabel")}>
              <thead>
                <tr>
                  <th scope="col">{t("sms.conn.col.name")}</th>
                  <th scope="col">{t("sms.conn.col.kind")}</th>
                  <th scope="col">{t("sms.conn.col.sender")}</th>
                  <th scope="col">{t("sms.conn.col.operators")}</th>
                  <th scope="col" class="num">
                    {t("sms.conn.col.priority")}
                  </th>
                  <th scope="col" class="num">
                    {t("sms.conn.col.rate")}
                  </th>
                  <th scope="col">{t("sms.conn.col.active")}</th>
                  <th scope="col" class="actions-col">
                    <span class="visually-hidden">{t("sms.conn.edit")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(c) => (
                    <>
                      <tr data-id={c.id}>
                        <td class="cell-strong">
                          {c.name}
                          <Show when={c.builtIn}>
                            {" "}
                            <span class="badge badge-off">{t("sms.conn.builtIn")}</span>
                          </Show>
                        </td>
                        <td>{t(`sms.conn.kind.${c.kind}` as MessageKey)}</td>
                        <td class="mono">{c.sender}</td>
                        <td>{operatorsText(c.operators, t("sms.conn.allOperators"), t("sms.conn.otherOperator"))}</td>
                        <td class="num">{formatNumber(c.priority)}</td>
                        <td class="num">{formatNumber(c.ratePerSecond)}</td>
                        <td>
                          <span class={`badge ${c.active ? "badge-ok" : "badge-off"}`}>{c.active ? t("sms.conn.active") : t("sms.conn.inactive")}</span>
                        </td>
                        <td class="actions-col">
                          <div class="row-actions">
                            <button type="button" class="btn btn-ghost btn-small" aria-expanded={open() === c.id} onClick={() => setOpen(open() === c.id ? null : c.id)}>
                              {open() === c.id ? t("sms.conn.hideUrls") : t("sms.conn.showUrls")}
                            </button>
                            <Show when={props.canEdit && !c.builtIn}>
                              <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(c)} aria-label={`${t("sms.conn.edit")}: ${c.name}`}>
                                {t("sms.conn.edit")}
                              </button>
                              <button type="button" class="btn btn-ghost btn-small" onClick={() => del.ask(c)} aria-label={`${t("sms.conn.delete")}: ${c.name}`}>
                                {t("sms.conn.delete")}
                              </button>
                            </Show>
                          </div>
                        </td>
                      </tr>
                      <Show when={open() === c.id}>
                        <tr>
                          <td colspan="8">
                            <SmsCallbackUrls urls={c.callbackUrls} />
                          </td>
                        </tr>
                      </Show>
                    </>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
      <Dialog open={editing() !== null} title={editing() === "new" ? t("sms.conn.formNew") : t("sms.conn.formEdit")} onClose={() => setEditing(null)}>
        <SmsConnectionForm connection={editing() === "new" ? null : (editing() as SmsConnectionOut)} onSaved={saved} onCancel={() => setEditing(null)} />
      </Dialog>
      <DeleteDialog flow={del} title={t("sms.conn.deleteTitle")} lines={(c) => [t("sms.conn.deleteSummary", { name: c.name })]} confirmLabel={t("sms.conn.delete")} busyLabel={t("sms.conn.deleting")} />
    </section>
  );
}
