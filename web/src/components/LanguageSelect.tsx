/** Español / English: switches at once and saves the choice (see lib/language.ts). */
import { For, createUniqueId } from "solid-js";
import { LOCALES, locale, t, type Locale } from "../i18n";
import { changeLanguage } from "../lib/language";

export default function LanguageSelect(props: { compact?: boolean }) {
  const id = `lang-${createUniqueId()}`;
  return (
    <div class="lang-select" classList={{ compact: !!props.compact }}>
      <label for={id} classList={{ "visually-hidden": !!props.compact }}>
        {t("header.language")}
      </label>
      <select id={id} value={locale()} onChange={(e) => void changeLanguage(e.currentTarget.value as Locale)}>
        <For each={LOCALES}>
          {(l) => (
            <option value={l} lang={l === "en" ? "en" : "es"}>
              {t(`lang.${l}`)}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
