/**
 * A labelled text input with its hint and its error, tied together with aria-describedby so a
 * screen reader reads them with the field. Errors appear next to the field.
 */
import { Show, createUniqueId, type JSX } from "solid-js";

export default function TextField(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  type?: "text" | "email" | "password";
  name?: string;
  hint?: string;
  error?: string | null;
  autocomplete?: JSX.HTMLAutocomplete;
  inputMode?: "text" | "numeric" | "email";
  required?: boolean;
  id?: string;
  autofocus?: boolean;
}) {
  const generated = createUniqueId();
  const id = () => props.id ?? `f-${generated}`;
  const describedBy = () => [props.hint ? `${id()}-hint` : "", props.error ? `${id()}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field" classList={{ "has-error": !!props.error }}>
      <label for={id()}>{props.label}</label>
      <input
        id={id()}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onBlur={() => props.onBlur?.()}
        autocomplete={props.autocomplete}
        inputmode={props.inputMode}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy()}
        autofocus={props.autofocus}
      />
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
