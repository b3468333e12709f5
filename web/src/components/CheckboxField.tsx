/** A checkbox with its label on the right and a hint below, the whole label clickable. */
import { Show, createUniqueId } from "solid-js";

export default function CheckboxField(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  const id = `c-${createUniqueId()}`;
  return (
    <div class="field field-check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.currentTarget.checked)} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
    </div>
  );
}
