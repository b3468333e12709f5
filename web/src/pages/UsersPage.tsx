/**
 * Usuarios: the account's users with, for owner/admin, the main balance above the table and
 * each sub-user's allocation in it. "Nuevo subusuario", "Editar", "Reenviar enlace de bienvenida"
 * and "Asignar créditos" exist only for roles holding `users.manage` / `credits.allocate`.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type Channel, type CreatedUserOut, type CreditsOut, type UserOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { can, me } from "../lib/session";
import { formatNumber } from "../lib/format";
import { canManageRole, drawsFromMainPool, type Role } from "../../../shared/auth/roles";
import PageHeader from "../components/PageHeader";
import Notice from "../components/Notice";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import NoAccess from "../components/NoAccess";
import UsersTable from "../components/UsersTable";
import Dialog from "../components/Dialog";
import UserCreateForm from "../components/UserCreateForm";
import UserEditForm from "../components/UserEditForm";
import AllocateForm from "../components/AllocateForm";
import WelcomeResendConfirm from "../components/WelcomeResendConfirm";
import BalanceCards from "../components/BalanceCards";

/** What the creation notice says about the welcome mail (W5). */
function welcomeNotice(u: CreatedUserOut): string {
  if (!u.welcomeMail.sent) return t("users.createdNoMail", { name: u.name, error: u.welcomeMail.error ?? "" });
  return t(u.welcomeMail.link ? "users.createdLink" : "users.createdGuide", { name: u.name });
}

/** What the page says after re-sending the welcome link: sent, or why it did not go out. */
function resendNotice(u: CreatedUserOut): { tone: "success" | "error"; text: string } {
  if (u.welcomeMail.sent) return { tone: "success", text: t("users.resend.sent", { email: u.email }) };
  return { tone: "error", text: t("users.resend.notSent", { email: u.email, error: u.welcomeMail.error ?? "" }) };
}

export default function UsersPage() {
  const role = () => me()!.user.role as Role;
  const users = createLoader(() => api.listUsers(), can("users.read"));
  const credits = createLoader(() => api.credits(), can("credits.allocate"));
  const [creating, setCreating] = createSignal(false);
  const [editing, setEditing] = createSignal<UserOut | null>(null);
  const [allocating, setAllocating] = createSignal<UserOut | null>(null);
  const [resending, setResending] = createSignal<UserOut | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [failure, setFailure] = createSignal<string | null>(null);

  const canEdit = (u: UserOut) => can("users.manage") && u.id !== me()!.user.id && canManageRole(role(), u.role);
  // A disabled user gets 409 from the API; re-enable them first (Editar).
  const canResend = (u: UserOut) => canEdit(u) && !u.disabled;
  const canAllocate = (u: UserOut) => can("credits.allocate") && !!credits.data()?.main && !drawsFromMainPool(u.role);
  const subUsers = () => (users.data()?.users ?? []).filter((u) => u.role !== "owner");

  function replaceUser(u: UserOut) {
    const list = users.data()?.users ?? [];
    const exists = list.some((x) => x.id === u.id);
    users.setData({ users: exists ? list.map((x) => (x.id === u.id ? u : x)) : [...list, u] });
  }

  return (
    <Show when={can("users.read")} fallback={<NoAccess />}>
      <PageHeader
        title={t("users.title")}
        action={
          <Show when={can("users.manage")}>
            <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
              {t("users.new")}
            </button>
          </Show>
        }
      />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Notice tone="error" text={failure()} onDismiss={() => setFailure(null)} />
      <Show when={credits.data()?.main}>
        {(main) => (
          <section class="section" aria-labelledby="users-main-balance">
            <h2 id="users-main-balance" class="section-title">
              {t("credits.main")}
            </h2>
            <BalanceCards balance={main()} testPrefix="main" />
          </section>
        )}
      </Show>
      <LoadState loading={users.loading()} error={users.error()} onRetry={() => void users.reload()} />
      <Show when={users.data()}>
        {(data) => (
          <>
            <UsersTable users={data().users} credits={credits.data()} canEdit={canEdit} canAllocate={canAllocate} canResend={canResend} onEdit={setEditing} onAllocate={setAllocating} onResend={setResending} />
            <Show when={subUsers().length === 0}>
              <EmptyState body={t("users.empty")} />
            </Show>
          </>
        )}
      </Show>

      <Dialog open={creating()} title={t("users.form.newTitle")} onClose={() => setCreating(false)}>
        <UserCreateForm
          actorRole={role()}
          onCancel={() => setCreating(false)}
          onCreated={(u) => {
            replaceUser(u);
            setCreating(false);
            setNotice(welcomeNotice(u));
          }}
        />
      </Dialog>
      <Dialog open={!!editing()} title={t("users.form.editTitle", { name: editing()?.name ?? "" })} onClose={() => setEditing(null)}>
        <Show when={editing()}>
          {(u) => (
            <UserEditForm
              user={u()}
              actorRole={role()}
              onCancel={() => setEditing(null)}
              onSaved={(saved) => {
                replaceUser(saved);
                setEditing(null);
                setNotice(t("users.updated", { name: saved.name }));
              }}
            />
          )}
        </Show>
      </Dialog>
      <Dialog open={!!resending()} title={t("users.resend.title")} onClose={() => setResending(null)}>
        <Show when={resending()}>
          {(u) => (
            <WelcomeResendConfirm
              user={u()}
              onCancel={() => setResending(null)}
              onDone={(result) => {
                setResending(null);
                const said = resendNotice(result);
                setNotice(said.tone === "success" ? said.text : null);
                setFailure(said.tone === "error" ? said.text : null);
              }}
            />
          )}
        </Show>
      </Dialog>
      <Dialog open={!!allocating()} title={t("alloc.title", { name: allocating()?.name ?? "" })} onClose={() => setAllocating(null)}>
        <Show when={allocating() && credits.data()}>
          <AllocateForm
            user={allocating()!}
            credits={credits.data()!}
            onCancel={() => setAllocating(null)}
            onDone={(result: CreditsOut, channel: Channel) => {
              const u = allocating()!;
              credits.setData(result);
              setAllocating(null);
              const balance = result.allocations?.find((a) => a.holder === u.id)?.[channel].available ?? 0;
              setNotice(t("alloc.done", { name: u.name, balance: formatNumber(balance), channel: t(`channel.${channel}`) }));
            }}
          />
        </Show>
      </Dialog>
    </Show>
  );
}
