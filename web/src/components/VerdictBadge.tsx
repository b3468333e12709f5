/**
 * A contact's verification as a badge with its word (Válido / Riesgoso / Inválido), optionally
 * followed by its reasons in words and the typo suggestion ("¿Quiso decir ana@gmail.com?").
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import { reasonLabel, verdictLabel, verdictTone } from "../lib/audience";

export default function VerdictBadge(props: { verdict: string; reasons?: string[]; suggestion?: string | null }) {
  return (
    <span class="verdict">
      <span class={`badge ${verdictTone(props.verdict)}`}>{verdictLabel(props.verdict)}</span>
      <Show when={props.reasons && props.reasons.length > 0}>
        <span class="reasons">
          <For each={props.reasons}>{(r, i) => <>{(i() > 0 ? "; " : "") + reasonLabel(r)}</>}</For>
        </span>
      </Show>
      <Show when={props.suggestion}>
        <span class="suggestion" data-testid="suggestion">
          {t("contacts.didYouMean", { suggestion: props.suggestion! })}
        </span>
      </Show>
    </span>
  );
}
