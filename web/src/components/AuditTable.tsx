/** The audit log, newest first: date, who, what, on what, result (with its HTTP status) and IP. */
import { For } from "solid-js";
import { hasKey, t } from "../i18n";
import type { AuditEntry } from "../lib/api";
import { formatDateTime } from "../lib/format";

function actionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return hasKey(key) ? t(key) : action;
}

function targetLabel(e: AuditEntry, userName?: (id: string) => string | undefined): string {
  if (!e.targetType) return t("common.none");
  const key = `audit.target.${e.targetType}`;
  const type = hasKey(key) ? t(key) : e.targetType;
  const name = e.targetType === "user" && e.targetId ? userName?.(e.targetId) : undefined;
  return e.targetId ? `${type} · ${name ?? e.targetId}` : type;
}

function statusLabel(status: number): string {
  if (status < 400) return t("audit.ok", { status });
  if (status < 500) return t("audit.denied", { status });
  return t("audit.failed", { status });
}

export default function AuditTable(props: { entries: AuditEntry[]; userName?: (id: string) => string | undefined }) {
  return (
    <div class="table-wrap table-tall">
      <table class="data" aria-label={t("audit.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("audit.col.date")}</th>
            <th scope="col">{t("audit.col.actor")}</th>
            <th scope="col">{t("audit.col.action")}</th>
            <th scope="col">{t("audit.col.target")}</th>
            <th scope="col">{t("audit.col.status")}</th>
            <th scope="col">{t("audit.col.ip")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(e) => (
              <tr>
                <td class="nowrap">{formatDateTime(e.at)}</td>
                <td>{e.actorEmail ?? t("common.none")}</td>
                <td>{actionLabel(e.action)}</td>
                <td class="muted small mono-id">{targetLabel(e, props.userName)}</td>
                <td>
                  <span class="badge" classList={{ "badge-ok": e.status < 400, "badge-warn": e.status >= 400 }}>
                    {statusLabel(e.status)}
                  </span>
                </td>
                <td class="mono">{e.ip ?? t("common.none")}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
