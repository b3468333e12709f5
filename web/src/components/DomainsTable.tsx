/** Sending domains: name (link to its records), SPF / DKIM / DMARC states, verified or not, last check. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { DomainOut } from "../lib/api";
import { formatDateTime } from "../lib/format";
import DomainStatusBadge from "./DomainStatusBadge";
import DomainVerifiedBadge from "./DomainVerifiedBadge";

export default function DomainsTable(props: { domains: DomainOut[] }) {
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("dom.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("dom.col.domain")}</th>
            <th scope="col">{t("dom.col.state")}</th>
            <th scope="col">{t("dom.kind.spf")}</th>
            <th scope="col">{t("dom.kind.dkim")}</th>
            <th scope="col">{t("dom.kind.dmarc")}</th>
            <th scope="col">{t("dom.col.checked")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.domains}>
            {(d) => (
              <tr data-domain={d.domain}>
                <th scope="row" class="cell-strong">
                  <A href={`/domains/${d.id}`}>{d.domain}</A>
                </th>
                <td>
                  <DomainVerifiedBadge verified={d.verified} />
                </td>
                <td>
                  <DomainStatusBadge status={d.spf} />
                </td>
                <td>
                  <DomainStatusBadge status={d.dkim} />
                </td>
                <td>
                  <DomainStatusBadge status={d.dmarc} />
                </td>
                <td class="nowrap">{d.checkedAt ? formatDateTime(d.checkedAt) : t("dom.never")}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
