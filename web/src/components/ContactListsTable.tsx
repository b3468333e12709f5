/** The lists a contact belongs to, each a link to the list, with the membership's status. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { ContactDetail } from "../lib/api";
import StatusBadge from "./StatusBadge";

export default function ContactListsTable(props: { lists: ContactDetail["lists"] }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("contact.listsLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("contact.col.list")}</th>
            <th scope="col">{t("contact.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.lists}>
            {(l) => (
              <tr>
                <th scope="row" class="cell-strong">
                  <A href={`/contacts/lists/${l.id}`}>{l.name}</A>
                </th>
                <td>
                  <StatusBadge status={l.status} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
