/** The gallery (W2): one card per pre-designed template with "Usar esta plantilla" for roles that edit. */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { GalleryTemplate } from "../lib/api";

export default function TemplateGallery(props: { templates: GalleryTemplate[]; canUse: boolean; busyKey: string | null; onUse: (g: GalleryTemplate) => void }) {
  return (
    <ul class="gallery" aria-label={t("tpl.gallery")}>
      <For each={props.templates}>
        {(g) => (
          <li class="card gallery-card" data-gallery-key={g.key}>
            <h3 class="card-title">{g.name}</h3>
            <p class="muted small">{g.description}</p>
            <Show when={props.canUse}>
              <button type="button" class="btn btn-secondary btn-small" disabled={props.busyKey !== null} aria-label={`${t("tpl.use")}: ${g.name}`} onClick={() => props.onUse(g)}>
                {props.busyKey === g.key ? t("tpl.using") : t("tpl.use")}
              </button>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
