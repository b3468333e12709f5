/**
 * The account's webhooks in Configuración → Webhooks: URL, events, state (active, paused,
 * failing since), and per row: test now (the target's answer shown), pause/resume, the delivery
 * log, delete (confirmed). "Nuevo webhook" opens the form; the created webhook's secret is then
 * shown once, with a copy button, until dismissed.
 */
import { For, Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type WebhookCreated, type WebhookOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { createDeleteFlow } from "../lib/delete-flow";
import { createLoader } from "../lib/load";
import CopyField from "./CopyField";
import DeleteDialog from "./DeleteDialog";
import Dialog from "./Dialog";
import EmptyState from "./EmptyState";
import LoadState from "./LoadState";
import Notice from "./Notice";
import WebhookDeliveries from "./WebhookDeliveries";
import WebhookForm from "./WebhookForm";

export default function WebhooksSection(props: { adding: boolean; onAddingChange: (v: boolean) => void }) {
  const list = createLoader(() => api.webhooks());
  const [secret, setSecret] = createSignal<WebhookCreated | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  const [logKey, setLogKey] = createSignal(0);
  const rows = () => list.data()?.webhooks ?? [];
  const replace = (w: WebhookOut) => list.setData({ webhooks: rows().map((x) => (x.id === w.id ? w : x)) });

  function created(w: WebhookCreated) {
    props.onAddingChange(false);
    list.setData({ webhooks: [...rows(), w] });
    setSecret(w);
  }

  async function test(w: WebhookOut) {
    setBusy(w.id);
    setNotice(null);
    try {
      const r = await api.testWebhook(w.id);
      setNotice(r.ok ? { tone: "success", text: t("wh.testOk", { status: String(r.status) }) } : { tone: "error", text: t("wh.testFail", { reason: r.status !== null ? `HTTP ${r.status}` : (r.error ?? "?") }) });
      setLogKey((k) => k + 1);
      void api.webhooks().then((x) => list.setData(x));
    } catch (err) {
      setNotice({ tone: "error", text: errorText(err) });
    } finally {
      setBusy(null);
    }
  }

  async function toggle(w: WebhookOut) {
    setBusy(w.id);
    try {
      replace(await api.updateWebhook(w.id, { active: !w.active }));
    } catch (err) {
      setNotice({ tone: "error", text: errorText(err) });
    } finally {
      setBusy(null);
    }
  }

  const del = createDeleteFlow<WebhookOut>({
    remove: (w) => api.deleteWebhook(w.id),
    onDeleted: (w) => {
      if (open() === w.id) setOpen(null);
      list.setData({ webhooks: rows().filter((x) => x.id !== w.id) });
      setNotice({ tone: "success", text: t("wh.deleted") });
    },
  });

  return (
    <section class="card section" aria-label={t("wh.tableLabel")} data-testid="webhooks">
      <Notice tone={notice()?.tone ?? "info"} text={notice()?.text ?? null} onDismiss={() => setNotice(null)} />
      <LoadState loading={list.loading()} error={list.error()} onRetry={() => void list.reload()} />
      <Show when={list.data()}>
        <Show when={rows().length > 0} fallback={<EmptyState body={t("wh.empty")} />}>
          <div class="table-wrap">
            <table class="data" aria-label={t("wh.tableLabel")}>
              <thead>
                <tr>
                  <th scope="col">{t("wh.col.url")}</th>
                  <th scope="col">{t("wh.col.events")}</th>
                  <th scope="col">{t("wh.col.state")}</th>
                  <th scope="col" class="actions-col">
                    <span class="visually-hidden">{t("wh.test")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(w) => (
                    <>
                      <tr data-id={w.id}>
                        <td class="wh-url">
                          <span class="mono">{w.url}</span>
                          <Show when={w.description}>
                            <span class="muted small wh-desc">{w.description}</span>
                          </Show>
                        </td>
                        <td>{w.events.map((e) => t(`wh.ev.${e}` as MessageKey)).join(", ")}</td>
                        <td>
                          <Show when={w.failingSince} fallback={<span class={`badge ${w.active ? "badge-ok" : "badge-off"}`}>{w.active ? t("wh.active") : t("wh.paused")}</span>}>
                            {(since) => <span class="badge badge-bad">{t("wh.failing", { date: formatDateTime(since()) })}</span>}
                          </Show>
                          <Show when={w.failingSince && !w.active}>
                            {" "}
                            <span class="badge badge-off">{t("wh.paused")}</span>
                          </Show>
                        </td>
                        <td class="actions-col">
                          <div class="row-actions">
                            <button type="button" class="btn btn-ghost btn-small" disabled={busy() === w.id} onClick={() => void test(w)}>
                              {busy() === w.id ? t("wh.testing") : t("wh.test")}
                            </button>
                            <button type="button" class="btn btn-ghost btn-small" aria-expanded={open() === w.id} onClick={() => setOpen(open() === w.id ? null : w.id)}>
                              {open() === w.id ? t("wh.hideLog") : t("wh.log")}
                            </button>
                            <button type="button" class="btn btn-ghost btn-small" disabled={busy() === w.id} onClick={() => void toggle(w)}>
                              {w.active ? t("wh.pause") : t("wh.resume")}
                            </button>
                            <button type="button" class="btn btn-ghost btn-small" onClick={() => del.ask(w)} aria-label={`${t("wh.delete")}: ${w.url}`}>
                              {t("wh.delete")}
                            </button>
                          </div>
                        </td>
                      </tr>
                      <Show when={open() === w.id}>
                        <tr>
                          <td colspan="4">
                            {/* Keyed on logKey: a test call reloads the log. */}
                            <For each={[logKey()]}>{() => <WebhookDeliveries webhookId={w.id} url={w.url} />}</For>
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
      <Dialog open={props.adding} title={t("wh.form.title")} onClose={() => props.onAddingChange(false)}>
        <WebhookForm onCreated={created} onCancel={() => props.onAddingChange(false)} />
      </Dialog>
      <Dialog open={secret() !== null} title={t("wh.secret.title")} onClose={() => setSecret(null)}>
        <div class="wh-secret">
          <p>{t("wh.secret.body")}</p>
          <CopyField label={t("wh.secret.label")} value={secret()?.secret ?? ""} copyLabel={t("wh.secret.copy")} testId="webhook-secret" />
          <div class="form-actions">
            <button type="button" class="btn btn-primary" onClick={() => setSecret(null)}>
              {t("wh.secret.done")}
            </button>
          </div>
        </div>
      </Dialog>
      <DeleteDialog flow={del} title={t("wh.deleteTitle")} lines={(w) => [t("wh.deleteSummary", { url: w.url })]} confirmLabel={t("wh.delete")} busyLabel={t("wh.deleting")} />
    </section>
  );
}
