/** Shown while a page's data is on its way ("Cargando…") or when it failed (message and "Reintentar"). */
import { Show } from "solid-js";
import { t } from "../i18n";
import { errorText } from "../lib/errors";

export default function LoadState(props: { loading: boolean; error: unknown; onRetry: () => void }) {
  return (
    <>
      <Show when={props.loading}>
        <p class="loading" role="status">
          {t("app.loading")}
        </p>
      </Show>
      <Show when={!props.loading && props.error}>
        <div class="notice notice-error" role="alert">
          <p>
            {t("common.loadError")} {errorText(props.error)}
          </p>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onRetry()}>
            {t("common.retry")}
          </button>
        </div>
      </Show>
    </>
  );
}
