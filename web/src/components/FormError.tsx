/** A refusal or failure in words, announced by screen readers; nothing when there is none. */
import { Show } from "solid-js";

export default function FormError(props: { text: string | null | undefined }) {
  return (
    <Show when={props.text}>
      <p class="field-error" role="alert">
        {props.text}
      </p>
    </Show>
  );
}
