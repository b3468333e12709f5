/** The account's credit bags: channel, granted, remaining, activated (when known), expires and state (vigente / vencida). */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { BagOut } from "../lib/api";
import { formatDate, formatNumber } from "../lib/format";

type Bag = Omit<BagOut, "activatedAt"> & { activatedAt?: string };

export default function BagsTable(props: { bags: Bag[] }) {
  const activated = () => props.bags.some((b) => b.activatedAt);
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("credits.bagsLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("credits.bag.channel")}</th>
            <th scope="col" class="num">{t("credits.bag.granted")}</th>
            <th scope="col" class="num">{t("credits.bag.remaining")}</th>
            <Show when={activated()}>
              <th scope="col">{t("credits.bag.activated")}</th>
            </Show>
            <th scope="col">{t("credits.bag.expires")}</th>
            <th scope="col">{t("credits.bag.state")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.bags}>
            {(b) => (
              <tr>
                <td>{t(b.channel === "email" ? "channel.emailTitle" : "channel.smsTitle")}</td>
                <td class="num">{formatNumber(b.granted)}</td>
                <td class="num">{formatNumber(b.remaining)}</td>
                <Show when={activated()}>
                  <td class="nowrap">{formatDate(b.activatedAt)}</td>
                </Show>
                <td class="nowrap">{formatDate(b.expiresAt)}</td>
                <td>
                  <span class="badge" classList={{ "badge-ok": !b.expired, "badge-off": b.expired }}>
                    {b.expired ? t("credits.bag.expired") : t("credits.bag.active")}
                  </span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
