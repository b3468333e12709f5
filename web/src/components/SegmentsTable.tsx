/** The account's segments: name (a link), contacts matching now, their conditions in words, created. */
import { For } from "solid-js";
import { A } from "@solidjs/router";
import { t } from "../i18n";
import type { FieldOut, ListOut, SegmentOut } from "../lib/api";
import { describe } from "../lib/segments";
import { formatDate, formatNumber } from "../lib/format";

export default function SegmentsTable(props: { segments: SegmentOut[]; lists: ListOut[]; fields: FieldOut[] }) {
  const rule = (s: SegmentOut) => {
    const parts = s.definition.conditions.map((c) => describe(c, props.lists, props.fields));
    const joiner = s.definition.match === "all" ? ` ${t("segment.and")} ` : ` ${t("segment.or")} `;
    return parts.join(joiner);
  };
  return (
    <div class="table-wrap">
      <table class="data" aria-label={t("segments.tableLabel")}>
        <thead>
          <tr>
            <th scope="col">{t("segments.col.name")}</th>
            <th scope="col" class="num">{t("segments.col.count")}</th>
            <th scope="col">{t("segments.col.rule")}</th>
            <th scope="col">{t("segments.col.created")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.segments}>
            {(s) => (
              <tr data-segment-name={s.name}>
                <th scope="row" class="cell-strong">
                  <A href={`/contacts/segments/${s.id}`}>{s.name}</A>
                </th>
                <td class="num" data-testid="segment-count">{formatNumber(s.count)}</td>
                <td class="small cell-rule">{rule(s)}</td>
                <td class="nowrap">{formatDate(s.createdAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
