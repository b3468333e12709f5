/**
 * The SMS composer: a "Negrita" toolbar, the text, and under it what the text will cost, live:
 * the counter (encoding, characters, segments, credits for every recipient), the characters that
 * force UCS-2 with the GSM-7 alternative, links as the short links they become, merge fields,
 * and the account's single-segment policy (an error under "enforce", a "Confirmo enviar n
 * segmentos" checkbox under "confirm"). Controlled: the parent owns the text and the confirmation,
 * so the send form, the inbox reply box and later the campaign editor can all use it.
 */
import { For, Show, createMemo, createSignal, createUniqueId, on, createEffect } from "solid-js";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import { boldCost, composerStats, MAX_SEGMENTS, policyState, toggleBold, type SegmentPolicy } from "../lib/sms";
import { excerpt } from "../lib/sms-messages";
import { countText } from "../lib/sms-words";
import CheckboxField from "./CheckboxField";
import SmsCounter from "./SmsCounter";
import SmsUcs2Notice from "./SmsUcs2Notice";
import "../styles/sms.css";

export default function SmsComposer(props: {
  value: string;
  onInput: (text: string) => void;
  /** The origin the send path makes short links under; null when it sends links as written. */
  linkBase: string | null;
  /** Numbers the text goes to: credits = segments × recipients. */
  recipients?: number;
  /** null while the account's policy is unknown: nothing is refused here, the server still checks. */
  policy: SegmentPolicy | null;
  maxSegments?: number;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  /** Whether the send path fills merge fields per contact (else they leave as written, and the composer says so). */
  merge?: boolean;
  /** A problem with the text from the form or the server, shown under it. */
  error?: string | null;
  label?: string;
  rows?: number;
}) {
  const id = `sms-${createUniqueId()}`;
  let area: HTMLTextAreaElement | undefined;
  const [sel, setSel] = createSignal<[number, number]>([0, 0]);
  const [boldNote, setBoldNote] = createSignal<string | null>(null);
  const recipients = () => props.recipients ?? 1;
  const max = () => props.maxSegments ?? MAX_SEGMENTS;
  const stats = createMemo(() => composerStats(props.value, { linkBase: props.linkBase, recipients: recipients() }));
  const policy = () => policyState(props.policy ?? "allow", stats().segments, props.confirmed, max());
  const cost = createMemo(() => (sel()[0] === sel()[1] ? null : boldCost(props.value, sel()[0], sel()[1], props.linkBase)));

  // A confirmation was for a number of segments: a different number needs a new one.
  createEffect(on(() => stats().segments, () => props.confirmed && props.onConfirmedChange(false), { defer: true }));

  const track = () => area && setSel([area.selectionStart, area.selectionEnd]);
  function bold() {
    const [start, end] = sel();
    const edited = toggleBold(props.value, start, end);
    if (edited === null) return setBoldNote(t("sms.composer.boldNothing"));
    setBoldNote(null);
    props.onInput(edited.text);
    queueMicrotask(() => {
      if (!area) return;
      area.focus();
      area.setSelectionRange(edited.start, edited.end);
      track();
    });
  }

  const describedBy = () => [`${id}-counter`, props.error ? `${id}-error` : "", policy() === "blocked" || policy() === "too-long" ? `${id}-policy` : ""].filter(Boolean).join(" ");

  return (
    <div class="sms-composer field" classList={{ "has-error": !!props.error || policy() === "blocked" || policy() === "too-long" }}>
      <label for={id}>{props.label ?? t("sms.composer.label")}</label>
      <div class="sms-toolbar" role="toolbar" aria-label={t("sms.composer.toolbar")} aria-controls={id}>
        <button type="button" class="btn btn-secondary btn-small sms-bold-btn" onMouseDown={(e) => e.preventDefault()} onClick={bold} aria-describedby={`${id}-bold`}>
          <strong>{t("sms.composer.bold")}</strong>
        </button>
        <p class="hint" id={`${id}-bold`} data-testid="sms-bold-hint">
          {boldNote() ??
            (cost()
              ? t(cost()!.bolding ? "sms.composer.boldPreview" : "sms.composer.unboldPreview", { encoding: cost()!.encodingAfter, segments: countText("segments", cost()!.after) })
              : t("sms.composer.boldHint"))}
        </p>
      </div>
      <textarea
        id={id}
        ref={area}
        class="sms-textarea"
        rows={props.rows ?? 5}
        value={props.value}
        onInput={(e) => {
          props.onInput(e.currentTarget.value);
          setBoldNote(null);
          track();
        }}
        onSelect={track}
        onKeyUp={track}
        onMouseUp={track}
        onFocus={track}
        aria-invalid={props.error || policy() === "blocked" || policy() === "too-long" ? "true" : undefined}
        aria-describedby={describedBy()}
      />
      <SmsCounter stats={stats()} recipients={recipients()} id={`${id}-counter`} />
      <Show when={props.error}>
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      </Show>
      <Show when={policy() === "blocked" || policy() === "too-long"}>
        <p class="field-error" id={`${id}-policy`} data-testid="sms-policy-error">
          {policy() === "too-long" ? t("sms.policy.tooLong", { max: formatNumber(max()) }) : t("sms.policy.enforce")}
        </p>
      </Show>
      <Show when={props.policy === "confirm" && stats().segments > 1 && stats().segments <= max()}>
        <CheckboxField
          label={t("sms.policy.confirm", { n: formatNumber(stats().segments) })}
          hint={t("sms.policy.confirmHint", { n: formatNumber(stats().segments) })}
          checked={props.confirmed}
          onChange={(v) => props.onConfirmedChange(v)}
        />
      </Show>
      <SmsUcs2Notice text={props.value} stats={stats()} linkBase={props.linkBase} onApply={(text) => props.onInput(text)} />
      <Show when={stats().links.length > 0}>
        <div class="sms-note" data-testid="sms-links">
          <p class="small">{t("sms.links.title")}</p>
          <ul class="plain-list small">
            <For each={stats().links}>{(l) => <li>{t("sms.links.item", { url: excerpt(l.url, 48), short: l.short, n: formatNumber(l.length) })}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={stats().mergeFields.length > 0}>
        <p class="hint sms-note" data-testid="sms-merge">
          {t(props.merge === false ? "sms.merge.literal" : "sms.merge.note", { fields: stats().mergeFields.map((f) => `{{${f}}}`).join(", ") })}
        </p>
      </Show>
    </div>
  );
}
