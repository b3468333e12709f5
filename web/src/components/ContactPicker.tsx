/**
 * Picks a contact to render a preview with: search by the start of an email address (the
 * contacts API's prefix search), choose one of the first matches, or go back to sample data.
 */
import { For, Show, createSignal, createUniqueId, onCleanup } from "solid-js";
import { t } from "../i18n";
import { api, type ContactOut } from "../lib/api";

export default function ContactPicker(props: { chosen: ContactOut | null; onChoose: (c: ContactOut | null) => void }) {
  const id = `cp-${createUniqueId()}`;
  const [q, setQ] = createSignal("");
  const [results, setResults] = createSignal<ContactOut[] | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  onCleanup(() => clearTimeout(timer));

  function search(value: string) {
    setQ(value);
    clearTimeout(timer);
    if (!value.trim()) return setResults(null);
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const page = await api.contacts({ q: value.trim(), limit: 6 });
        if (mine === seq) setResults(page.contacts.filter((c) => c.email));
      } catch {
        if (mine === seq) setResults([]);
      }
    }, 250);
  }

  return (
    <div class="contact-picker">
      <div class="field">
        <label for={id}>{t("preview.contact")}</label>
        <input id={id} type="search" value={q()} onInput={(e) => search(e.currentTarget.value)} autocomplete="off" aria-describedby={`${id}-hint`} />
        <p class="hint" id={`${id}-hint`}>
          {t("preview.contactHint")}
        </p>
      </div>
      <Show when={results()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted small">{t("preview.noMatches")}</p>}>
            <ul class="picker-results" aria-label={t("preview.results")}>
              <For each={list()}>
                {(c) => (
                  <li>
                    <button type="button" class="btn btn-ghost btn-small" onClick={() => (props.onChoose(c), setResults(null), setQ(c.email ?? ""))}>
                      {c.email}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={props.chosen}>
        {(c) => (
          <p class="small picker-chosen" role="status">
            {t("preview.showing", { email: c().email ?? "" })}{" "}
            <button type="button" class="btn btn-ghost btn-small" onClick={() => (props.onChoose(null), setQ(""))}>
              {t("preview.sample")}
            </button>
          </p>
        )}
      </Show>
    </div>
  );
}
