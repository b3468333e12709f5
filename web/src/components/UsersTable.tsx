/**
 * The account's users: name, email, role, state, last login and (for owner/admin) each one's
 * allocated credits. Row actions (edit, allocate, resend the welcome link) appear only where the
 * caller may use them.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { CreditsOut, UserOut } from "../lib/api";
import { formatDateTime, formatNumber } from "../lib/format";
import { drawsFromMainPool } from "../../../shared/auth/roles";

export default function UsersTable(props: {
  users: UserOut[];
  credits?: CreditsOut;
  canEdit: (u: UserOut) => boolean;
  canAllocate: (u: UserOut) => boolean;
  /** Whether the caller may mail `u` a new welcome link (W5); absent: never. */
  canResend?: (u: UserOut) => boolean;
  onEdit: (u: UserOut) => void;
  onAllocate: (u: UserOut) => void;
  onResend?: (u: UserOut) => void;
}) {
  const allocation = (id: string) => props.credits?.allocations?.find((a) => a.holder === id);
  const showCredits = () => !!props.credits?.main;
  const canResend = (u: UserOut) => props.canResend?.(u) ?? false;
  const showActions = () => props.users.some((u) => props.canEdit(u) || props.canAllocate(u) || canResend(u));
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("users.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">
              {t("users.col.name")} · {t("users.col.email")}
            </th>
            <th scope="col">{t("users.col.role")}</th>
            <th scope="col">{t("users.col.state")}</th>
            <th scope="col">{t("users.col.lastLogin")}</th>
            <Show when={showCredits()}>
              <th scope="col" class="num">{t("users.col.emailCredits")}</th>
              <th scope="col" class="num">{t("users.col.smsCredits")}</th>
            </Show>
            <Show when={showActions()}>
              <th scope="col" class="actions-col">{t("users.col.actions")}</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.users}>
            {(u) => (
              <tr data-user-email={u.email}>
                <th scope="row" class="cell-strong">
                  {u.name}
                  <span class="cell-sub">{u.email}</span>
                </th>
                <td>{t(`role.${u.role}`)}</td>
                <td>
                  <span class="badge" classList={{ "badge-ok": !u.disabled, "badge-off": u.disabled }}>
                    {u.disabled ? t("users.state.disabled") : t("users.state.active")}
                  </span>
                </td>
                <td class="nowrap">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t("common.never")}</td>
                <Show when={showCredits()}>
                  <Show
                    when={!drawsFromMainPool(u.role)}
                    fallback={
                      <td colspan="2" class="num muted small">
                        {t("users.usesMain")}
                      </td>
                    }
                  >
                    <td class="num" data-testid="user-email-credits">{formatNumber(allocation(u.id)?.email.available ?? 0)}</td>
                    <td class="num" data-testid="user-sms-credits">{formatNumber(allocation(u.id)?.sms.available ?? 0)}</td>
                  </Show>
                </Show>
                <Show when={showActions()}>
                  <td>
                    <div class="row-actions">
                      <Show when={props.canEdit(u)}>
                        <button type="button" class="btn btn-secondary btn-small" aria-label={t("users.editLabel", { name: u.name })} onClick={() => props.onEdit(u)}>
                          {t("users.edit")}
                        </button>
                      </Show>
                      <Show when={props.canAllocate(u)}>
                        <button type="button" class="btn btn-secondary btn-small" aria-label={t("users.allocateLabel", { name: u.name })} onClick={() => props.onAllocate(u)}>
                          {t("users.allocate")}
                        </button>
                      </Show>
                      <Show when={canResend(u)}>
                        <button type="button" class="btn btn-secondary btn-small" aria-label={t("users.resendLabel", { name: u.name })} onClick={() => props.onResend?.(u)}>
                          {t("users.resend")}
                        </button>
                      </Show>
                    </div>
                  </td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
