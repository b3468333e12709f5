/**
 * Turns a failed call into words for the person: a known error code has its own sentence in the
 * catalogue (`error.<code>`); a field error says what is wrong with that field; anything else
 * shows the server's message as it came.
 */
import { hasKey, t } from "../i18n";
import { ApiError } from "./api";

/** @example errorText(new ApiError(409, "insufficient_credit", "…")) // "No hay saldo suficiente…" */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.code === "network") return t("error.network");
  if (err.field && err.code === "conflict" && hasKey(`error.conflict.${err.field}`)) return t(`error.conflict.${err.field}` as "error.conflict.email");
  if (err.field === "currentPassword") return t("error.field.currentPassword");
  const key = `error.${err.code}`;
  if (hasKey(key)) return t(key);
  if (err.status >= 500) return t("error.internal");
  return err.message.replace(/^[\w.]+:\s*/, "");
}

/** The field a server error points at, if any (`email`, `password`, …). */
export function errorField(err: unknown): string | undefined {
  return err instanceof ApiError ? err.field : undefined;
}
