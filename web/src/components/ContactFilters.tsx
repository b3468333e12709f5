/**
 * Search and filters above the contacts table: a prefix search (email, phone, name or company)
 * and three selects (lista, verificación, estado de email). Typing searches after a short pause;
 * Enter searches at once. Every control has its label.
 */
import { For, Show, createUniqueId, onCleanup } from "solid-js";
import { t } from "../i18n";
import type { ListOut } from "../lib/api";
import { CONTACT_STATUSES, VERDICTS, statusLabel, verdictLabel } from "../lib/audience";

export type ContactFilter = { q: string; listId: string; verdict: string; emailStatus: string };

export default function ContactFilters(props: { value: ContactFilter; lists: ListOut[]; onChange: (next: ContactFilter) => void }) {
  const id = `cf-${createUniqueId()}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const set = (patch: Partial<ContactFilter>) => props.onChange({ ...props.value, ...patch });
  const typed = (q: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => set({ q }), 300);
  };
  const filtered = () => !!(props.value.q || props.value.listId || props.value.verdict || props.value.emailStatus);
  return (
    <form
      class="filters"
      role="search"
      aria-label={t("contacts.filtersLabel")}
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer);
        set({ q: (e.currentTarget.elements.namedItem("q") as HTMLInputElement).value });
      }}
    >
      <div class="field filter-search">
        <label for={`${id}-q`}>{t("contacts.search")}</label>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          value={props.value.q}
          placeholder={t("contacts.searchPlaceholder")}
          autocomplete="off"
          aria-describedby={`${id}-q-hint`}
          onInput={(e) => typed(e.currentTarget.value)}
        />
        <p class="hint" id={`${id}-q-hint`}>
          {t("contacts.searchHint")}
        </p>
      </div>
      <div class="field">
        <label for={`${id}-list`}>{t("contacts.filterList")}</label>
        <select id={`${id}-list`} value={props.value.listId} onChange={(e) => set({ listId: e.currentTarget.value })}>
          <option value="">{t("contacts.filterAll")}</option>
          <For each={props.lists}>{(l) => <option value={l.id}>{l.name}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for={`${id}-verdict`}>{t("contacts.filterVerdict")}</label>
        <select id={`${id}-verdict`} value={props.value.verdict} onChange={(e) => set({ verdict: e.currentTarget.value })}>
          <option value="">{t("contacts.filterAllM")}</option>
          <For each={VERDICTS}>{(v) => <option value={v}>{verdictLabel(v)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for={`${id}-status`}>{t("contacts.filterEmailStatus")}</label>
        <select id={`${id}-status`} value={props.value.emailStatus} onChange={(e) => set({ emailStatus: e.currentTarget.value })}>
          <option value="">{t("contacts.filterAllM")}</option>
          <For each={CONTACT_STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
        </select>
      </div>
      <Show when={filtered()}>
        <div class="filter-clear">
          <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onChange({ q: "", listId: "", verdict: "", emailStatus: "" })}>
            {t("contacts.clearFilters")}
          </button>
        </div>
      </Show>
    </form>
  );
}
