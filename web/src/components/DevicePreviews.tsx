/**
 * The email on three screens side by side (W9): escritorio (600+ px), tableta (768 px) and
 * celular (375 px), each a sandboxed iframe with no permissions at all (`sandbox=""`: no
 * scripts, no forms, no navigation) whose document is the rendered HTML. Frames keep their real
 * width and scroll sideways inside their own box on a small screen. The document is given
 * once the frame is in the page (a srcdoc set before insertion may stay blank in Chromium).
 */
import { For, createEffect } from "solid-js";
import { t } from "../i18n";

const DEVICES = [
  { key: "desktop", label: "preview.desktop", width: 640, height: 720 },
  { key: "tablet", label: "preview.tablet", width: 768, height: 720 },
  { key: "phone", label: "preview.phone", width: 375, height: 667 },
] as const;

export default function DevicePreviews(props: { html: string }) {
  return (
    <div class="devices" data-testid="device-previews">
      <For each={DEVICES}>
        {(d) => (
          <figure class={`device device-${d.key}`} data-device={d.key}>
            <figcaption class="device-caption">
              {t(d.label)} <span class="muted">· {d.width} px</span>
            </figcaption>
            <div class="device-screen">
              <iframe
                ref={(el) => createEffect(() => (el.srcdoc = props.html))}
                sandbox=""
                width={d.width}
                height={d.height}
                style={{ width: `${d.width}px`, height: `${d.height}px` }}
                title={t("preview.frameTitle", { device: t(d.label), width: d.width })}
                referrerpolicy="no-referrer"
              />
            </div>
          </figure>
        )}
      </For>
    </div>
  );
}
