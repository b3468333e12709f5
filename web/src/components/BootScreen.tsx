/** Shown while the session is being checked, or if the check failed for a reason other than "not logged in". */
import { Show } from "solid-js";
import { t } from "../i18n";
import { errorText } from "../lib/errors";

export default function BootScreen(props: { error: unknown; onRetry: () => void }) {
  return (
    <div class="boot">
      <Show
        when={props.error}
        fallback={
          <p role="status" class="loading">
            {t("app.loadingSession")}
          </p>
        }
      >
        <div class="notice notice-error" role="alert">
          <p>{errorText(props.error)}</p>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onRetry()}>
            {t("common.retry")}
          </button>
        </div>
      </Show>
    </div>
  );
}
