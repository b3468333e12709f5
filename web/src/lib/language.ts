/**
 * Changing the language from anywhere (header, Configuración): switch at once, then save the
 * choice to the profile when someone is logged in so it follows them to other browsers.
 */
import { setLocale, type Locale } from "../i18n";
import { api } from "./api";
import { me, setMe } from "./session";

/** @example await changeLanguage("en") */
export async function changeLanguage(next: Locale): Promise<void> {
  setLocale(next);
  if (!me() || me()!.via !== "session") return;
  try {
    setMe(await api.updateMe({ locale: next }));
  } catch {
    /* the switch already happened here; the profile keeps the old value */
  }
}
