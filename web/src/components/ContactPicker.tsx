/**
 * Picks a contact by searching the start of a name, mobile or email (the contacts API's prefix
 * search) and choosing one of the first matches. One picker serves both channels because the
 * search, debounce and stale-answer handling are the same; `channel` decides what differs:
 * - "email" (the preview): matches need an email; the search box stays, the choice is shown below
 *   it and "Datos de ejemplo" goes back to sample data.
 * - "sms" (who an SMS goes to, or whose data a test uses): matches need a mobile; once chosen the
 *   box gives way to the choice and a "Quitar" button, and a contact who opted out of SMS is shown
 *   as such (the server refuses the send anyway).
 */
import { For, Show, createSignal, createUniqueId, onCleanup } from "solid-js";
import { t } from "../i18n";
import { api, type ContactOut } from "../lib/api";
import { formatPhone } from "../lib/sms";
import { contactName } from "../lib/sms-words";

/** What differs between the channels: how many matches, which count, and the words shown. */
const CHANNELS = {
  email: {
    idPrefix: "cp",
    limit: 6,
    matches: (c: ContactOut) => !!c.email,
    option: (c: ContactOut) => c.email ?? "",
    /** The search box keeps the chosen address, so the choice reads back where it was made. */
    queryAfterChoice: (c: ContactOut) => c.email ?? "",
    label: () => t("preview.contact"),
    hint: () => t("preview.contactHint"),
    chosen: (c: ContactOut) => t("preview.showing", { email: c.email ?? "" }),
    clear: () => t("preview.sample"),
    noMatches: () => t("preview.noMatches"),
    results: () => t("preview.results"),
  },
  sms: {
    idPrefix: "scp",
    limit: 8,
    matches: (c: ContactOut) => !!c.phone,
    option: (c: ContactOut) => `${contactName(c)} · ${formatPhone(c.phone ?? "")}`,
    queryAfterChoice: () => "",
    label: () => t("sms.form.contact"),
    hint: () => t("sms.form.contactHint"),
    chosen: (c: ContactOut) => t("sms.form.chosen", { name: contactName(c), phone: formatPhone(c.phone ?? "") }),
    clear: () => t("sms.form.remove"),
    noMatches: () => t("sms.form.noMatches"),
    results: () => t("sms.form.results"),
  },
} as const;

/**
 * `label`, `hint` and `chosenText` change the words when the contact is not who the message goes
 * to (an SMS campaign's test takes only the contact's data); `warnOptedOut: false` then hides the
 * SMS opt-out note. Example: `<ContactPicker channel="sms" chosen={c()} onChoose={setC} />`.
 */
export default function ContactPicker(props: {
  channel: "email" | "sms";
  chosen: ContactOut | null;
  onChoose: (c: ContactOut | null) => void;
  label?: string;
  hint?: string;
  chosenText?: (c: ContactOut) => string;
  warnOptedOut?: boolean;
}) {
  // The channel is fixed for a picker's life (each caller passes a literal).
  const ch = CHANNELS[props.channel];
  const sms = props.channel === "sms";
  const id = `${ch.idPrefix}-${createUniqueId()}`;
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
        const page = await api.contacts({ q: value.trim(), limit: ch.limit });
        if (mine === seq) setResults(page.contacts.filter(ch.matches));
      } catch {
        if (mine === seq) setResults([]);
      }
    }, 250);
  }

  function clear() {
    props.onChoose(null);
    setQ("");
    // The SMS box is hidden while a contact is chosen, so old matches must not come back with it.
    if (sms) setResults(null);
  }

  const label = () => props.label ?? ch.label();
  /** SMS hides the search while a contact is chosen; the email preview keeps it to pick another. */
  const searching = () => !sms || !props.chosen;

  return (
    <div class="contact-picker">
      <Show when={searching()}>
        <div class="field">
          <label for={id}>{label()}</label>
          <input id={id} type="search" value={q()} onInput={(e) => search(e.currentTarget.value)} autocomplete="off" aria-describedby={`${id}-hint`} />
          <p class="hint" id={`${id}-hint`}>
            {props.hint ?? ch.hint()}
          </p>
        </div>
      </Show>
      <Show when={searching() && results()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted small">{ch.noMatches()}</p>}>
            <ul class="picker-results" aria-label={ch.results()}>
              <For each={list()}>
                {(c) => (
                  <li>
                    <button type="button" class="btn btn-ghost btn-small" onClick={() => (props.onChoose(c), setResults(null), setQ(ch.queryAfterChoice(c)))}>
                      {ch.option(c)}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={props.chosen}>
        {(c) => {
          const status = (
            <p class="small picker-chosen" role="status" data-testid={sms ? "sms-contact-chosen" : undefined}>
              {props.chosenText ? props.chosenText(c()) : ch.chosen(c())}{" "}
              <button type="button" class="btn btn-ghost btn-small" onClick={clear}>
                {ch.clear()}
              </button>
            </p>
          );
          return sms ? (
            <div class="field">
              <span class="legend">{label()}</span>
              {status}
              <Show when={props.warnOptedOut !== false && c().smsStatus !== "subscribed"}>
                <p class="field-error">{t("sms.form.contactOptedOut")}</p>
              </Show>
            </div>
          ) : (
            status
          );
        }}
      </Show>
    </div>
  );
}
