/**
 * One contact: its data (custom fields included), verification with reasons and any typo
 * suggestion (corrected only by an explicit click), status per channel, consent history with its
 * proof, and its lists. Roles that edit contacts can change data and channel status, and erase
 * the contact after a summary of what erasure means (data gone, address kept suppressed).
 */
import { Show, createSignal } from "solid-js";
import { useLocation, useNavigate } from "@solidjs/router";
import { t } from "../i18n";
import { api, type ContactDetail } from "../lib/api";
import { createLoader } from "../lib/load";
import { can, me } from "../lib/session";
import { errorText } from "../lib/errors";
import { formatNumber } from "../lib/format";
import { contactName, fieldErrorText, suggestedAddress } from "../lib/audience";
import PageHeader from "../components/PageHeader";
import BackLink from "../components/BackLink";
import LoadState from "../components/LoadState";
import Notice from "../components/Notice";
import EmptyState from "../components/EmptyState";
import NoAccess from "../components/NoAccess";
import Dialog from "../components/Dialog";
import ConfirmStep from "../components/ConfirmStep";
import DangerZone from "../components/DangerZone";
import ContactFacts from "../components/ContactFacts";
import ContactEditForm from "../components/ContactEditForm";
import ChannelStatus, { type ChannelName } from "../components/ChannelStatus";
import ConsentTable from "../components/ConsentTable";
import ContactListsTable from "../components/ContactListsTable";
import VerdictBadge from "../components/VerdictBadge";

export default function ContactPage(props: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation<{ notice?: string }>();
  const contact = createLoader(() => api.contact(props.id), can("contacts.read"));
  const fields = createLoader(() => api.fields(), can("contacts.read"));
  const lists = createLoader(() => api.lists(), can("contacts.read"));
  const users = createLoader(() => api.listUsers(), can("users.read"));
  const [notice, setNotice] = createSignal<string | null>(location.state?.notice ?? null);
  const [editing, setEditing] = createSignal(false);
  const [statusChange, setStatusChange] = createSignal<{ channel: ChannelName; next: "subscribed" | "unsubscribed" } | null>(null);
  const [erasing, setErasing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [actionError, setActionError] = createSignal<string | null>(null);

  const c = () => contact.data();
  const listName = (id: string) => lists.data()?.lists.find((l) => l.id === id)?.name;
  const userName = (id: string) => (id === me()?.user.id ? me()!.user.name : users.data()?.users.find((u) => u.id === id)?.name);
  const channelWord = (ch: ChannelName) => (ch === "email" ? t("channel.emailTitle") : t("channel.smsTitle"));
  const notFound = () => (contact.error() as { status?: number } | null)?.status === 404;

  async function run(action: () => Promise<ContactDetail | null>, done: string) {
    setBusy(true);
    setActionError(null);
    try {
      const updated = await action();
      if (updated) contact.setData(updated);
      setNotice(done);
      return true;
    } catch (err) {
      setActionError(fieldErrorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function applyStatus() {
    const s = statusChange();
    if (!s || !c()) return;
    const ok = await run(() => api.updateContact(c()!.id, s.channel === "email" ? { emailStatus: s.next } : { smsStatus: s.next }), t("contact.statusChanged", { channel: channelWord(s.channel) }));
    if (ok) setStatusChange(null);
  }

  async function erase() {
    setBusy(true);
    setActionError(null);
    try {
      await api.deleteContact(c()!.id);
      navigate("/contacts", { replace: true, state: { notice: t("contact.erased") } });
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <BackLink href="/contacts" label={t("aud.backToContacts")} />
      <Show when={c()} fallback={<PageHeader title={t("contact.title")} />}>
        {(data) => (
          <PageHeader
            title={contactName(data())}
            subtitle={[data().email, data().phone].filter(Boolean).join(" · ")}
            action={
              <Show when={can("contacts.edit")}>
                <button type="button" class="btn btn-primary" onClick={() => setEditing(true)}>
                  {t("contact.edit")}
                </button>
              </Show>
            }
          />
        )}
      </Show>
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Show when={notFound()} fallback={<LoadState loading={contact.loading()} error={contact.error()} onRetry={() => void contact.reload()} />}>
        <EmptyState body={t("aud.notFound")} />
      </Show>
      <Show when={c()}>
        {(data) => (
          <>
            <div class="detail-grid">
              <section class="card" aria-labelledby="contact-data">
                <h2 id="contact-data" class="card-title">
                  {t("contact.data")}
                </h2>
                {/* Once the field definitions are in, so custom fields never show their key for a moment instead of their label. */}
                <Show when={!fields.loading()}>
                  <ContactFacts contact={data()} fields={fields.data()?.fields ?? []} />
                </Show>
              </section>
              <div class="detail-side">
                <section class="card" aria-labelledby="contact-verdict">
                  <h2 id="contact-verdict" class="card-title">
                    {t("contact.verdict")}
                  </h2>
                  <VerdictBadge verdict={data().verdict} reasons={data().reasons} suggestion={suggestedAddress(data())} />
                  <Show when={data().reasons.length === 0}>
                    <p class="muted small">{t("contact.noReasons")}</p>
                  </Show>
                  <Show when={can("contacts.edit") && suggestedAddress(data())}>
                    {(s) => (
                      <div class="suggestion-fix">
                        <button type="button" class="btn btn-secondary btn-small" disabled={busy()} onClick={() => void run(() => api.updateContact(data().id, { email: s() }), t("contact.saved"))}>
                          {t("contact.useSuggestion", { suggestion: s() })}
                        </button>
                        <p class="hint">{t("contact.suggestionHint")}</p>
                      </div>
                    )}
                  </Show>
                </section>
                <section class="card" aria-labelledby="contact-channels">
                  <h2 id="contact-channels" class="card-title">
                    {t("contact.channels")}
                  </h2>
                  <ChannelStatus contact={data()} canEdit={can("contacts.edit")} onChange={(channel, next) => (setActionError(null), setStatusChange({ channel, next }))} />
                </section>
              </div>
            </div>
            <Show when={actionError() && !statusChange() && !erasing()}>
              <Notice tone="error" text={actionError()} onDismiss={() => setActionError(null)} />
            </Show>

            <section class="section" aria-labelledby="contact-consents">
              <h2 id="contact-consents" class="section-title">
                {t("contact.consents")}
              </h2>
              <Show when={data().consents.length > 0} fallback={<EmptyState body={t("contact.consentsEmpty")} />}>
                <ConsentTable consents={data().consents} listName={listName} userName={userName} />
              </Show>
            </section>

            <section class="section" aria-labelledby="contact-lists">
              <h2 id="contact-lists" class="section-title">
                {t("contact.lists")}
              </h2>
              <Show when={data().lists.length > 0} fallback={<EmptyState body={t("contact.listsEmpty")} />}>
                <ContactListsTable lists={data().lists} />
              </Show>
            </section>

            <Show when={can("contacts.edit")}>
              <DangerZone title={t("contact.eraseSection")} hint={t("contact.eraseHint")} action={t("contact.erase")} onAction={() => (setActionError(null), setErasing(true))} />
            </Show>

            <Dialog open={editing()} title={t("contact.editTitle")} onClose={() => setEditing(false)}>
              <ContactEditForm
                contact={data()}
                fields={fields.data()?.fields ?? []}
                onCancel={() => setEditing(false)}
                onSaved={(saved) => {
                  contact.setData(saved);
                  setEditing(false);
                  setNotice(t("contact.saved"));
                }}
              />
            </Dialog>
            <Dialog open={!!statusChange()} title={statusChange()?.next === "unsubscribed" ? t("contact.unsubscribe") : t("contact.resubscribe")} onClose={() => setStatusChange(null)}>
              <Show when={statusChange()}>
                {(s) => (
                  <ConfirmStep
                    lines={[
                      t(s().next === "unsubscribed" ? "contact.statusConfirm.unsub" : "contact.statusConfirm.resub", { name: contactName(data()), channel: channelWord(s().channel) }),
                      // Resubscribing SMS after a BAJA also lifts the opt-out's phone suppression (workers/sms/resubscribe.ts).
                      ...(s().channel === "sms" && s().next === "subscribed" && data().reasons.includes("phone_suppressed") ? [t("contact.statusConfirm.resubSms")] : []),
                    ]}
                    confirmLabel={s().next === "unsubscribed" ? t("contact.unsubscribe") : t("contact.resubscribe")}
                    busyLabel={t("common.saving")}
                    busy={busy()}
                    error={actionError()}
                    onBack={() => setStatusChange(null)}
                    onConfirm={() => void applyStatus()}
                  />
                )}
              </Show>
            </Dialog>
            <Dialog open={erasing()} title={t("contact.eraseTitle")} onClose={() => setErasing(false)}>
              <ConfirmStep
                lines={[
                  data().lists.length === 0
                    ? t("contact.eraseSummary1NoLists", { name: contactName(data()) })
                    : t("contact.eraseSummary1", { name: contactName(data()), lists: data().lists.length === 1 ? t("aud.count.lists1") : t("aud.count.lists", { n: formatNumber(data().lists.length) }) }),
                  t("contact.eraseSummary2"),
                  t("contact.eraseSummary3"),
                ]}
                confirmLabel={t("contact.erase")}
                busyLabel={t("contact.erasing")}
                busy={busy()}
                danger
                error={actionError()}
                onBack={() => setErasing(false)}
                onConfirm={() => void erase()}
              />
            </Dialog>
          </>
        )}
      </Show>
    </Show>
  );
}
