/**
 * A small "Copiar" button for a value shown next to it (a DNS record's name or value). Says
 * "Copiado" for a moment, announced to screen readers; where the clipboard is refused, says how
 * to copy by hand.
 */
import { createSignal } from "solid-js";
import { t } from "../i18n";

export default function CopyButton(props: { value: string; label: string }) {
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
    <span class="copy-button">
      <button type="button" class="btn btn-secondary btn-small" aria-label={props.label} onClick={() => void copy()}>
        {state() === "copied" ? t("dom.copied") : t("dom.copy")}
      </button>
      <span class="visually-hidden" role="status">
        {state() === "copied" ? t("dom.copied") : state() === "failed" ? t("dom.copyFailed") : ""}
      </span>
    </span>
  );
}
