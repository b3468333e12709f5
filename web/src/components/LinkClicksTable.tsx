/** Clicks per link of a campaign, most clicked first, with right-aligned numbers. */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";

export default function LinkClicksTable(props: { links: Record<string, number> }) {
  const rows = () => Object.entries(props.links).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <section class="section" aria-labelledby="live-links">
      <h3 id="live-links" class="subsection-title">
        {t("live.links.title")}
      </h3>
      <Show when={rows().length > 0} fallback={<p class="muted">{t("live.links.empty")}</p>}>
        <div class="table-wrap">
          <table class="data" data-testid="live-links">
            <thead>
              <tr>
                <th scope="col">{t("live.links.url")}</th>
                <th scope="col" class="num">
                  {t("live.links.clicks")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {([url, clicks]) => (
                  <tr>
                    <td class="link-url">{url}</td>
                    <td class="num">{formatNumber(clicks)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
