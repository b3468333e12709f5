/** A labelled select with an optional hint; options are value/label pairs. */
import { For, Show, createUniqueId } from "solid-js";

export default function SelectField(props: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  name?: string;
  hint?: string;
  id?: string;
}) {
  const generated = createUniqueId();
  const id = () => props.id ?? `s-${generated}`;
  return (
    <div class="field">
      <label for={id()}>{props.label}</label>
      <select
        id={id()}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-describedby={props.hint ? `${id()}-hint` : undefined}
      >
        <For each={props.options}>{(o) => <option value={o.value}>{o.label}</option>}</For>
      </select>
      <Show when={props.hint}>
        <p class="hint" id={`${id()}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}
