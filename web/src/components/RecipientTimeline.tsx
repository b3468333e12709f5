/**
 * One recipient's history, shown in a dialog from the recipients table: the delivery (address,
 * name, status, when sent, the server's answer of a bounce, opens and clicks by people and by
 * machines) and every event oldest first in Lima time, each one saying whether a person or a
 * machine made it and, for a machine, which rule (B5) decided it.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import { api, type RecipientTimeline as Timeline } from "../lib/api";
import { createLoader } from "../lib/load";
import { formatDateTime, formatNumber } from "../lib/format";
import { eventDetail, kindLabel, ruleLabel, statusBadge } from "../lib/recipients";
import LoadState from "./LoadState";
import EmptyState from "./EmptyState";

function Facts(props: { data: Timeline }) {
  const r = () => props.data.recipient;
  const rows = () => [
    { label: t("recip.timeline.email"), value: r().email },
    { label: t("recip.timeline.name"), value: r().name ?? t("common.none") },
    { label: t("recip.timeline.status"), value: statusBadge(r()).text },
    { label: t("recip.timeline.sentAt"), value: r().sentAt ? formatDateTime(r().sentAt) : t("common.none") },
    ...(r().bounce || r().status !== "sent" ? [{ label: t("recip.timeline.smtp"), value: [r().code, r().detail].filter((v) => v !== null).join(" · ") || t("common.none") }] : []),
    { label: t("recip.timeline.opens"), value: t("recip.timeline.opensValue", { human: formatNumber(r().opens), machine: formatNumber(r().machineOpens) }) },
    { label: t("recip.timeline.clicks"), value: t("recip.timeline.clicksValue", { human: formatNumber(r().clicks), machine: formatNumber(r().machineClicks) }) },
  ];
  return (
    <dl class="facts">
      <For each={rows()}>
        {(row) => (
          <div>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

export default function RecipientTimeline(props: { campaignId: string; contactId: number }) {
  const timeline = createLoader(() => api.campaignRecipient(props.campaignId, props.contactId));
  const notFound = () => (timeline.error() as { status?: number } | null)?.status === 404;
  return (
    <div class="timeline" data-testid="recipient-timeline">
      <Show when={notFound()} fallback={<LoadState loading={timeline.loading()} error={timeline.error()} onRetry={() => void timeline.reload()} />}>
        <EmptyState body={t("recip.timeline.notFound")} />
      </Show>
      <Show when={timeline.data()}>
        {(data) => (
          <>
            <Facts data={data()} />
            <h3 class="subsection-title">{t("recip.timeline.events")}</h3>
            <Show when={data().events.length > 0} fallback={<p class="muted">{t("recip.timeline.empty")}</p>}>
              <div class="table-wrap">
                <table class="data" data-testid="timeline-events">
                  <thead>
                    <tr>
                      <th scope="col">{t("recip.timeline.col.at")}</th>
                      <th scope="col">{t("recip.timeline.col.kind")}</th>
                      <th scope="col">{t("recip.timeline.col.who")}</th>
                      <th scope="col">{t("recip.timeline.col.detail")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data().events}>
                      {(e) => (
                        <tr>
                          <td class="nowrap">{formatDateTime(e.at)}</td>
                          <td class="nowrap cell-strong">{kindLabel(e.kind)}</td>
                          <td>
                            <Show when={e.kind === "open" || e.kind === "click"} fallback={<span class="muted">{t("common.none")}</span>}>
                              <Show when={e.machine} fallback={t("recip.timeline.person")}>
                                {(rule) => <span class="badge badge-off">{t("recip.timeline.machine", { rule: ruleLabel(rule()) })}</span>}
                              </Show>
                            </Show>
                          </td>
                          <td class="link-url">{eventDetail(e)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
