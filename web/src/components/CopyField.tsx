/**
 * A read-only value with a "Copiar" button: the hosted form's address or its embed code. Says
 * "Copiado" for a moment after copying; where the clipboard is refused, says how to copy by hand.
 */
import { Show, createSignal, createUniqueId } from "solid-js";
import { t } from "../i18n";

export default function CopyField(props: { label: string; value: string; copyLabel: string; multiline?: boolean; testId?: string }) {
  const id = `copy-${createUniqueId()}`;
  const [state, setState] = createSignal<"idle" | "copied" | "failed">("idle");
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setState("copied");
    } catch {
      setState("failed");
    }
    clearTimeout(timer);
    timer = setTimeout(() => setState("idle"), 2500);
  }
  return (
    <div class="field copy-field">
      <label for={id}>{props.label}</label>
      <div class="copy-row">
        <Show
          when={props.multiline}
          fallback={<input id={id} type="text" readonly value={props.value} data-testid={props.testId} onFocus={(e) => e.currentTarget.select()} />}
        >
          <textarea id={id} readonly rows={3} value={props.value} data-testid={props.testId} onFocus={(e) => e.currentTarget.select()} />
        </Show>
        <button type="button" class="btn btn-secondary" onClick={() => void copy()}>
          {state() === "copied" ? t("aud.copied") : props.copyLabel}
        </button>
      </div>
      <p class="hint" role="status">
        {state() === "failed" ? t("aud.copyFailed") : ""}
      </p>
    </div>
  );
}
