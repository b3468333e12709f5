/**
 * What the agency copies into its website (W6): the archive's public addresses (page, RSS,
 * Atom), the "latest campaigns" widget code (a script tag, or an iframe without JavaScript) with
 * a live preview, and a list's subscribe form as an iframe (`?embed=1`) with its own preview.
 * The previews are the real public pages, so what is seen here is what visitors get.
 */
import { Show, createMemo, createSignal } from "solid-js";
import { t } from "../i18n";
import type { ArchiveOut, ListOut } from "../lib/api";
import "../styles/archive.css";
import CopyField from "./CopyField";
import SelectField from "./SelectField";

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The widget's loader tag. @example widgetSnippet(archive) // '<script src="…/embed/muni/latest.js" data-n="5" data-lang="es" async></script>' */
export const widgetSnippet = (a: ArchiveOut) => `<script src="${attr(a.urls.widgetScript)}" data-n="5" data-lang="es" async></script>`;
const widgetIframe = (a: ArchiveOut) => `<iframe src="${attr(a.urls.widget)}?n=5" title="${attr(a.title)}" width="100%" height="360" style="border:0"></iframe>`;
const formIframe = (l: ListOut) => `<iframe src="${attr(l.formUrl)}?embed=1" title="${attr(l.name)}" width="100%" height="560" style="border:0"></iframe>`;

export default function ArchiveEmbeds(props: { archive: ArchiveOut; lists: ListOut[] }) {
  const [listId, setListId] = createSignal<string>("");
  const list = createMemo(() => props.lists.find((l) => l.id === listId()) ?? props.lists[0]);
  const live = () => props.archive.stored && props.archive.enabled;
  return (
    <>
      <section class="card section" aria-labelledby="arch-addresses">
        <h2 id="arch-addresses" class="card-title">
          {t("arch.addresses")}
        </h2>
        <Show when={!live()}>
          <p class="muted small">{t("arch.off")}</p>
        </Show>
        <CopyField label={t("arch.pageUrl")} value={props.archive.urls.index} copyLabel={t("arch.copy")} testId="archive-url" />
        <CopyField label={t("arch.rssUrl")} value={props.archive.urls.rss} copyLabel={t("arch.copy")} testId="archive-rss" />
        <CopyField label={t("arch.atomUrl")} value={props.archive.urls.atom} copyLabel={t("arch.copy")} testId="archive-atom" />
        <Show when={live()}>
          <a href={props.archive.urls.index} target="_blank" rel="noopener" class="btn btn-secondary archive-open">
            {t("arch.open")}
          </a>
        </Show>
      </section>
      <section class="card section" aria-labelledby="arch-widget">
        <h2 id="arch-widget" class="card-title">
          {t("arch.widget")}
        </h2>
        <p class="muted small">{t("arch.widgetHint")}</p>
        <CopyField label={t("arch.widgetCode")} value={widgetSnippet(props.archive)} copyLabel={t("arch.copy")} multiline testId="widget-snippet" />
        <CopyField label={t("arch.widgetIframe")} value={widgetIframe(props.archive)} copyLabel={t("arch.copy")} multiline testId="widget-iframe" />
        <h3 class="embed-heading">{t("arch.preview")}</h3>
        <Show when={live()} fallback={<p class="muted small">{t("arch.previewOff")}</p>}>
          <iframe class="embed-preview" src={`${props.archive.urls.widget}?n=5`} sandbox="allow-scripts allow-popups" title={t("arch.previewTitle")} height="360" data-testid="widget-preview" />
        </Show>
      </section>
      <section class="card section" aria-labelledby="arch-form">
        <h2 id="arch-form" class="card-title">
          {t("arch.form")}
        </h2>
        <p class="muted small">{t("arch.formHint")}</p>
        <Show when={list()} fallback={<p class="muted small">{t("arch.noLists")}</p>}>
          {(l) => (
            <>
              <SelectField label={t("arch.formList")} value={l().id} options={props.lists.map((x) => ({ value: x.id, label: x.name }))} onChange={setListId} name="list" />
              <CopyField label={t("arch.formCode")} value={formIframe(l())} copyLabel={t("arch.copy")} multiline testId="form-snippet" />
              <h3 class="embed-heading">{t("arch.preview")}</h3>
              <iframe class="embed-preview" src={`${l().formUrl}?embed=1`} sandbox="allow-forms" title={t("arch.formPreviewTitle")} height="560" data-testid="form-preview" />
            </>
          )}
        </Show>
      </section>
    </>
  );
}
