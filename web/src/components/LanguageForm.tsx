/** The language preference as a radio group; changing it applies at once and saves it to the profile. */
import { For, Show, createSignal } from "solid-js";
import { LOCALES, locale, t, type Locale } from "../i18n";
import { changeLanguage } from "../lib/language";

export default function LanguageForm() {
  const [saved, setSaved] = createSignal(false);
  return (
    <fieldset class="radio-group">
      <legend class="visually-hidden">{t("settings.language")}</legend>
      <For each={LOCALES}>
        {(l) => (
          <label class="radio">
            <input
              type="radio"
              name="locale"
              value={l}
              checked={locale() === l}
              onChange={async () => {
                setSaved(false);
                await changeLanguage(l as Locale);
                setSaved(true);
              }}
            />
            <span lang={l === "en" ? "en" : "es"}>{t(`lang.${l}`)}</span>
          </label>
        )}
      </For>
      <p class="hint">{t("settings.languageHint")}</p>
      <Show when={saved()}>
        <p class="form-ok" role="status">
          {t("settings.languageSaved")}
        </p>
      </Show>
    </fieldset>
  );
}
