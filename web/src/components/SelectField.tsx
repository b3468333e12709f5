/** A labelled select with an optional hint and error (next to the field, read with it); options are value/label pairs. */
import { For, Show, createUniqueId } from "solid-js";

export default function SelectField(props: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  name?: string;
  hint?: string;
  error?: string | null;
  id?: string;
}) {
  const generated = createUniqueId();
  const id = () => props.id ?? `s-${generated}`;
  const describedBy = () => [props.hint ? `${id()}-hint` : "", props.error ? `${id()}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "has-error": !!props.error }}>
      <label for={id()}>{props.label}</label>
      <select
        id={id()}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy()}
      >
        <For each={props.options}>{(o) => <option value={o.value}>{o.label}</option>}</For>
      </select>
      <Show when={props.hint}>
        <p class="hint" id={`${id()}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="field-error" id={`${id()}-error`}>
          {props.error}
        </p>
      </Show>
    </div>
  );
}
