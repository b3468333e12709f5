/** The account's credit bags: channel, granted, remaining, activated, expires and state (vigente / vencida). */
import { For } from "solid-js";
import { t } from "../i18n";
import type { BagOut } from "../lib/api";
import { formatDate, formatNumber } from "../lib/format";

export default function BagsTable(props: { bags: BagOut[] }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("credits.bagsLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("credits.bag.channel")}</th>
            <th scope="col" class="num">{t("credits.bag.granted")}</th>
            <th scope="col" class="num">{t("credits.bag.remaining")}</th>
            <th scope="col">{t("credits.bag.activated")}</th>
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
                <td class="nowrap">{formatDate(b.activatedAt)}</td>
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
