/** A contact's consent history, newest first: date (account's zone), channel, action, source and proof. */
import { For } from "solid-js";
import { hasKey, t } from "../i18n";
import type { ContactDetail } from "../lib/api";
import { proofText } from "../lib/audience";
import { formatDateTime } from "../lib/format";

const word = (prefix: string, value: string) => (hasKey(`${prefix}.${value}`) ? t(`${prefix}.${value}` as "consent.action.granted") : value);

export default function ConsentTable(props: { consents: ContactDetail["consents"]; listName: (id: string) => string | undefined; userName: (id: string) => string | undefined }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("contact.consentsLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("contact.col.date")}</th>
            <th scope="col">{t("contact.col.channel")}</th>
            <th scope="col">{t("contact.col.action")}</th>
            <th scope="col">{t("contact.col.source")}</th>
            <th scope="col">{t("contact.col.proof")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.consents}>
            {(c) => (
              <tr>
                <td class="nowrap">{formatDateTime(c.at)}</td>
                <td>{c.channel === "sms" ? t("channel.smsTitle") : t("channel.emailTitle")}</td>
                <td>{word("consent.action", c.action)}</td>
                <td>{word("consent.source", c.source)}</td>
                <td class="small" data-testid="consent-proof">{proofText(c, props.listName, props.userName)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
