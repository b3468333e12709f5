/**
 * The contacts table: name with email (a link to the contact), phone, verification with its
 * reasons in words and any typo suggestion (shown, never applied), status per channel, date added.
 * On a phone each row becomes a card whose cells carry their column's name (`data-label`).
 */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { ContactOut } from "../lib/api";
import { contactName, suggestedAddress } from "../lib/audience";
import { formatDateTime } from "../lib/format";
import VerdictBadge from "./VerdictBadge";
import StatusBadge from "./StatusBadge";

export default function ContactsTable(props: { contacts: ContactOut[] }) {
  return (
    <div class="table-wrap table-tall stack-phone-wrap">
      <table class="data stack-phone" aria-label={t("contacts.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("contacts.col.contact")}</th>
            <th scope="col">{t("contacts.col.phone")}</th>
            <th scope="col">{t("contacts.col.verdict")}</th>
            <th scope="col">{t("contacts.col.emailStatus")}</th>
            <th scope="col">{t("contacts.col.smsStatus")}</th>
            <th scope="col">{t("contacts.col.created")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.contacts}>
            {(c) => (
              <tr data-contact-email={c.email ?? ""} data-contact-id={c.id}>
                <th scope="row" class="cell-strong cell-contact">
                  <A href={`/contacts/${c.id}`}>{contactName(c)}</A>
                  <span class="cell-sub">{c.email ?? t("contact.noEmail")}</span>
                </th>
                <td class="nowrap mono" data-label={t("contacts.col.phone")}>
                  {c.phone ?? t("common.none")}
                </td>
                <td class="cell-verdict" data-label={t("contacts.col.verdict")}>
                  <VerdictBadge verdict={c.verdict} reasons={c.reasons} suggestion={suggestedAddress(c)} />
                </td>
                <td data-label={t("contacts.col.emailStatus")}>{c.email ? <StatusBadge status={c.emailStatus} /> : <span class="muted">{t("common.none")}</span>}</td>
                <td data-label={t("contacts.col.smsStatus")}>{c.phone ? <StatusBadge status={c.smsStatus} /> : <span class="muted">{t("common.none")}</span>}</td>
                <td class="nowrap" data-label={t("contacts.col.created")}>
                  {formatDateTime(c.createdAt)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
