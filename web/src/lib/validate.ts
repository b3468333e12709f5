/**
 * Client-side checks run on blur and on submit, mirroring the API's own rules
 * (shared/api/schemas.ts) so that most mistakes are caught before the request. Each returns a
 * catalogue key, or null when the value is fine.
 */
import type { MessageKey } from "../i18n";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @example required("  ") // "validation.required" */
export function required(value: string): MessageKey | null {
  return value.trim() ? null : "validation.required";
}

/** @example email("ana@") // "validation.email" */
export function email(value: string): MessageKey | null {
  return required(value) ?? (EMAIL.test(value.trim()) ? null : "validation.email");
}

/** The API asks for 10 to 200 characters. @example password("corta") // "validation.passwordMin" */
export function password(value: string): MessageKey | null {
  return required(value) ?? (value.length >= 10 ? null : "validation.passwordMin");
}

/** Like `password`, but an empty value is fine (the field is optional). */
export function optionalPassword(value: string): MessageKey | null {
  return value === "" ? null : password(value);
}
