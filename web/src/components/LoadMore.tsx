/** The "Cargar más" button under a keyset-paged table, or a quiet end-of-list line. */
import { Show } from "solid-js";
import { t } from "../i18n";

export default function LoadMore(props: { hasMore: boolean; loading: boolean; onLoad: () => void; count: number }) {
  return (
    <div class="load-more">
      <Show when={props.hasMore} fallback={<Show when={props.count > 0}><p class="muted">{t("common.endOfList")}</p></Show>}>
        <button type="button" class="btn btn-secondary" disabled={props.loading} onClick={() => props.onLoad()}>
          {props.loading ? t("common.loadingMore") : t("common.loadMore")}
        </button>
      </Show>
    </div>
  );
}
