/** The account's lists with live counts: members, reachable by email and by SMS; double opt-in; created. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { ListOut } from "../lib/api";
import { formatDate, formatNumber } from "../lib/format";

export default function ListsTable(props: { lists: ListOut[] }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("lists.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("lists.col.name")}</th>
            <th scope="col" class="num">{t("lists.col.members")}</th>
            <th scope="col" class="num">{t("lists.col.email")}</th>
            <th scope="col" class="num">{t("lists.col.sms")}</th>
            <th scope="col">{t("lists.col.doubleOptIn")}</th>
            <th scope="col">{t("lists.col.created")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.lists}>
            {(l) => (
              <tr data-list-name={l.name}>
                <th scope="row" class="cell-strong">
                  <A href={`/contacts/lists/${l.id}`}>{l.name}</A>
                  <span class="cell-sub">{l.description ?? ""}</span>
                </th>
                <td class="num" data-testid="list-members">{formatNumber(l.counts.members)}</td>
                <td class="num" data-testid="list-email">{formatNumber(l.counts.subscribed)}</td>
                <td class="num" data-testid="list-sms">{formatNumber(l.counts.sms)}</td>
                <td>{l.doubleOptIn ? t("aud.yes") : t("aud.no")}</td>
                <td class="nowrap">{formatDate(l.createdAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
