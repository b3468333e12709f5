/**
 * The logged-in person: who they are, their account and what their role allows. Loaded once
 * from /me (or from the login answer); `can()` is what every page uses to show or hide controls,
 * so a role sees only what it can use. Keeps the CSRF token, language and time zone in step.
 */
import { createSignal } from "solid-js";
import { api, setCsrfToken, type MeOut } from "./api";
import { isLocale, setLocale } from "../i18n";
import { setTimeZone } from "./format";

const [me, setMeSignal] = createSignal<MeOut | null>(null);
export { me };

/** Adopts a /me answer: CSRF token, the user's saved language, the account's time zone. */
export function setMe(value: MeOut | null): void {
  setCsrfToken(value?.csrfToken ?? null);
  if (value) {
    setTimeZone(value.account.timezone || "America/Lima");
    if (isLocale(value.user.locale)) setLocale(value.user.locale);
  }
  setMeSignal(value);
}

/** Loads the session; resolves `null` when there is none (not logged in). */
export async function loadSession(): Promise<MeOut | null> {
  try {
    const value = await api.me();
    setMe(value);
    return value;
  } catch (err) {
    if ((err as { status?: number }).status === 401) {
      setMe(null);
      return null;
    }
    throw err;
  }
}

/**
 * Whether the current user holds `permission` (from /me's `permissions`).
 * @example can("users.manage") // false for a viewer
 */
export function can(permission: string): boolean {
  return me()?.permissions.includes(permission) ?? false;
}
