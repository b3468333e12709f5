/**
 * Picks the contact an SMS goes to: search by the start of a name, mobile or email (the contacts
 * API's prefix search), choose one of the first matches that has a mobile, or remove the choice.
 * A contact who opted out of SMS is shown as such (the server refuses the send anyway).
 */
import { For, Show, createSignal, createUniqueId, onCleanup } from "solid-js";
import { t } from "../i18n";
import { api, type ContactOut } from "../lib/api";
import { formatPhone } from "../lib/sms";
import { contactName } from "../lib/sms-words";

/**
 * `label`, `hint` and `chosen` change the words when the contact is not who the SMS goes to (a
 * campaign's test takes only the contact's data); `warnOptedOut: false` then hides the opt-out note.
 */
export default function SmsContactPicker(props: {
  chosen: ContactOut | null;
  onChoose: (c: ContactOut | null) => void;
  label?: string;
  hint?: string;
  chosenText?: (c: ContactOut) => string;
  warnOptedOut?: boolean;
}) {
  const id = `scp-${createUniqueId()}`;
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
        const page = await api.contacts({ q: value.trim(), limit: 8 });
        if (mine === seq) setResults(page.contacts.filter((c) => c.phone));
      } catch {
        if (mine === seq) setResults([]);
      }
    }, 250);
  }

  return (
    <div class="contact-picker">
      <Show
        when={props.chosen}
        fallback={
          <div class="field">
            <label for={id}>{props.label ?? t("sms.form.contact")}</label>
            <input id={id} type="search" value={q()} onInput={(e) => search(e.currentTarget.value)} autocomplete="off" aria-describedby={`${id}-hint`} />
            <p class="hint" id={`${id}-hint`}>
              {props.hint ?? t("sms.form.contactHint")}
            </p>
          </div>
        }
      >
        {(c) => (
          <div class="field">
            <span class="legend">{props.label ?? t("sms.form.contact")}</span>
            <p class="small picker-chosen" role="status" data-testid="sms-contact-chosen">
              {props.chosenText ? props.chosenText(c()) : t("sms.form.chosen", { name: contactName(c()), phone: formatPhone(c().phone ?? "") })}{" "}
              <button type="button" class="btn btn-ghost btn-small" onClick={() => (props.onChoose(null), setQ(""), setResults(null))}>
                {t("sms.form.remove")}
              </button>
            </p>
            <Show when={props.warnOptedOut !== false && c().smsStatus !== "subscribed"}>
              <p class="field-error">{t("sms.form.contactOptedOut")}</p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={!props.chosen && results()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted small">{t("sms.form.noMatches")}</p>}>
            <ul class="picker-results" aria-label={t("sms.form.results")}>
              <For each={list()}>
                {(c) => (
                  <li>
                    <button type="button" class="btn btn-ghost btn-small" onClick={() => (props.onChoose(c), setResults(null), setQ(""))}>
                      {contactName(c)} · {formatPhone(c.phone ?? "")}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </div>
  );
}
