/**
 * A short message under the page title: success ("Se creó…"), or an error. Announced to screen
 * readers (role status / alert) and dismissible.
 */
import { Show } from "solid-js";
import { t } from "../i18n";

export default function Notice(props: { tone: "success" | "error" | "info"; text: string | null; onDismiss?: () => void }) {
  return (
    <Show when={props.text}>
      <div class={`notice notice-${props.tone}`} role={props.tone === "error" ? "alert" : "status"}>
        <p>{props.text}</p>
        <Show when={props.onDismiss}>
          <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onDismiss?.()}>
            {t("common.close")}
          </button>
        </Show>
      </div>
    </Show>
  );
}
