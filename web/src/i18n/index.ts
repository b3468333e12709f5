/**
 * The dashboard's language: a signal holding "es-PE" (default) or "en", `t()` to look a string
 * up in the current catalogue, and `setLocale()` which persists the choice in localStorage and
 * keeps `<html lang>` in step. Components read strings only through `t()`.
 */
import { createSignal } from "solid-js";
import { es, type MessageKey } from "./es";
import { en } from "./en";

export type Locale = "es-PE" | "en";
export const LOCALES: readonly Locale[] = ["es-PE", "en"];
export type { MessageKey };

const STORAGE_KEY = "pregon.locale";
const catalogues: Record<Locale, Record<MessageKey, string>> = { "es-PE": es, en };

export function isLocale(value: unknown): value is Locale {
  return value === "es-PE" || value === "en";
}

function stored(): Locale {
  try {
    const v = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : "es-PE";
  } catch {
    return "es-PE";
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(stored());
export { locale };

/** Switches the language for this browser (the caller also saves it to the profile). */
export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  if (typeof document !== "undefined") document.documentElement.lang = next === "en" ? "en" : "es-PE";
}

/**
 * The string for `key` in the current language, with `{name}` placeholders filled.
 * @example t("home.greeting", { name: "Ana" }) // "Hola, Ana"
 */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = catalogues[locale()][key] ?? es[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Whether `key` exists, for codes coming from the server (`error.<code>`). */
export function hasKey(key: string): key is MessageKey {
  return key in es;
}
