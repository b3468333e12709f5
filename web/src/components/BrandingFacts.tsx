/** The account's branding as read-only facts (for roles that cannot change it): colours shown as swatches with their code. */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { BrandingOut } from "../lib/api";

export default function BrandingFacts(props: { branding: BrandingOut }) {
  const b = () => props.branding;
  const rows = () => [
    { label: t("brand.organisation"), value: b().organisation },
    { label: t("brand.logoUrl"), value: b().logoUrl ?? "" },
    { label: t("brand.primary"), value: b().primaryColor, color: true },
    { label: t("brand.secondary"), value: b().secondaryColor, color: true },
    { label: t("brand.address"), value: b().address },
    { label: t("brand.website"), value: b().website ?? "" },
  ];
  return (
    <>
      <dl class="facts" data-testid="branding-facts">
        <For each={rows()}>
          {(r) => (
            <div>
              <dt>{r.label}</dt>
              <dd classList={{ muted: !r.value }}>
                <Show when={r.color}>
                  <span class="swatch" style={{ background: r.value }} aria-hidden="true" />
                </Show>
                {r.value || t("common.none")}
              </dd>
            </div>
          )}
        </For>
      </dl>
      <p class="muted small">{t("brand.readOnly")}</p>
    </>
  );
}
