/**
 * Above the recipients table: the seven filters as a row of toggle buttons (Todos, Abrieron, No
 * abrieron, Hicieron clic, Rebotaron, Se dieron de baja, Quejas; the chosen one is pressed) and
 * a search by the start of the email address (its placeholder shows how). Typing searches after
 * a short pause; Enter at once.
 */
import { For, createUniqueId, onCleanup } from "solid-js";
import { t } from "../i18n";
import type { RecipientFilter } from "../lib/api";
import { FILTERS, filterLabel } from "../lib/recipients";
import "../styles/live.css";

export default function RecipientFilters(props: { filter: RecipientFilter; q: string; onFilter: (f: RecipientFilter) => void; onSearch: (q: string) => void }) {
  const id = `rf-${createUniqueId()}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  return (
    <div class="recip-filters">
      <div class="segmented" role="group" aria-label={t("recip.filterLabel")} data-testid="recipient-filters">
        <For each={FILTERS}>
          {(f) => (
            <button type="button" class="btn btn-secondary btn-small" aria-pressed={props.filter === f} onClick={() => props.onFilter(f)}>
              {filterLabel(f)}
            </button>
          )}
        </For>
      </div>
      <form
        class="field recip-search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          clearTimeout(timer);
          props.onSearch((e.currentTarget.elements.namedItem("q") as HTMLInputElement).value.trim());
        }}
      >
        <label for={`${id}-q`}>{t("recip.search")}</label>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          value={props.q}
          placeholder={t("recip.searchPlaceholder")}
          autocomplete="off"
          onInput={(e) => {
            const value = e.currentTarget.value.trim();
            clearTimeout(timer);
            timer = setTimeout(() => props.onSearch(value), 300);
          }}
        />
      </form>
    </div>
  );
}
