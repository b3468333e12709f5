/**
 * Palabras clave SMS (S6 triggers): the built-in opt-out words (always on, Ley 32323), the
 * account's keywords with what each does, a form to add one and deletion with a confirmation.
 * Everyone who reads campaigns sees them; owner and admin change them.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type KeywordOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import BackLink from "../components/BackLink";
import ConfirmStep from "../components/ConfirmStep";
import Dialog from "../components/Dialog";
import EmptyState from "../components/EmptyState";
import LoadState from "../components/LoadState";
import NoAccess from "../components/NoAccess";
import Notice from "../components/Notice";
import PageHeader from "../components/PageHeader";
import SmsKeywordForm from "../components/SmsKeywordForm";
import SmsKeywordsTable from "../components/SmsKeywordsTable";
import "../styles/inbox.css";

export default function SmsKeywordsPage() {
  const list = createLoader(() => api.smsKeywords(), can("campaigns.read"));
  const [notice, setNotice] = createSignal<string | null>(null);
  const [removing, setRemoving] = createSignal<KeywordOut | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [removeError, setRemoveError] = createSignal<string | null>(null);
  const canEdit = () => can("users.manage");

  function startNew() {
    const field = document.getElementById("kw-keyword");
    field?.scrollIntoView({ block: "center", behavior: "smooth" });
    field?.focus();
  }

  async function remove() {
    const k = removing();
    if (!k) return;
    setBusy(true);
    setRemoveError(null);
    try {
      await api.deleteSmsKeyword(k.id);
      setRemoving(null);
      setNotice(t("kw.deleted", { keyword: k.keyword }));
      const data = list.data();
      if (data) list.setData({ ...data, keywords: data.keywords.filter((x) => x.id !== k.id) });
    } catch (err) {
      setRemoveError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={can("campaigns.read")} fallback={<NoAccess />}>
      <BackLink href="/inbox" label={t("kw.back")} />
      <PageHeader
        title={t("kw.title")}
        subtitle={t("kw.subtitle")}
        action={
          <Show when={canEdit()}>
            <button type="button" class="btn btn-primary" onClick={startNew}>
              {t("kw.new")}
            </button>
          </Show>
        }
      />
      <div class="kw-layout">
        <section class="card" aria-labelledby="kw-builtin-title">
          <h2 id="kw-builtin-title" class="card-title">
            {t("kw.builtIn")}
          </h2>
          <p class="muted small">{t("kw.builtInHint")}</p>
          <Show when={list.data()}>
            {(d) => (
              <ul class="kw-builtin" data-testid="kw-builtin">
                {d().builtIn.map((w) => (
                  <li class="badge badge-off">{w}</li>
                ))}
              </ul>
            )}
          </Show>
        </section>
        <section aria-labelledby="kw-list-title">
          <h2 id="kw-list-title" class="section-title">
            {t("kw.list")}
          </h2>
          <LoadState loading={list.loading()} error={list.error()} onRetry={() => void list.reload()} />
          <Show when={list.data()}>
            {(d) => (
              <Show when={d().keywords.length > 0} fallback={<EmptyState body={t("kw.empty")} />}>
                <SmsKeywordsTable
                  keywords={d().keywords}
                  canEdit={canEdit()}
                  onDelete={(k) => {
                    setRemoveError(null);
                    setRemoving(k);
                  }}
                />
              </Show>
            )}
          </Show>
        </section>
        {/* Next to both the table (deletions) and the form (creations). */}
        <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
        <Show when={canEdit()} fallback={<p class="muted small">{t("kw.readOnly")}</p>}>
          <SmsKeywordForm
            onCreated={(k) => {
              setNotice(t("kw.created", { keyword: k.keyword }));
              const data = list.data();
              if (data) list.setData({ ...data, keywords: [...data.keywords, k].sort((a, b) => a.keyword.localeCompare(b.keyword)) });
            }}
          />
        </Show>
      </div>
      <Dialog open={removing() !== null} title={t("kw.deleteTitle")} onClose={() => !busy() && setRemoving(null)}>
        <ConfirmStep
          lines={[t("kw.deleteSummary", { keyword: removing()?.keyword ?? "" })]}
          confirmLabel={t("kw.delete")}
          busyLabel={t("kw.deleting")}
          busy={busy()}
          danger
          error={removeError()}
          onBack={() => setRemoving(null)}
          onConfirm={() => void remove()}
        />
      </Dialog>
    </Show>
  );
}
