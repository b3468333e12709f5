/** A labelled group of radio buttons (a fieldset with its legend), one choice among a few. */
import { For, createUniqueId } from "solid-js";

export default function RadioGroup(props: { legend: string; name?: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void }) {
  const name = props.name ?? `r-${createUniqueId()}`;
  return (
    <fieldset class="radio-group">
      <legend class="legend">{props.legend}</legend>
      <For each={props.options}>
        {(o) => (
          <label class="radio">
            <input type="radio" name={name} value={o.value} checked={props.value === o.value} onChange={() => props.onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}
