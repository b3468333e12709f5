/**
 * Who an SMS campaign's send-day cleaning left out, and why (E7 for SMS): the members
 * of its lists and segments with no phone, a number that is not a Peruvian mobile (a landline),
 * who opted out of SMS, or whose number is suppressed. The runner counts them when the send
 * starts (GET /campaigns/:id `dropped`); nothing shows before then or when nobody was left out.
 */
import { For, Show } from "solid-js";
import { t, type MessageKey } from "../i18n";
import type { CampaignOut } from "../lib/api";
import { formatNumber } from "../lib/format";
import "../styles/sms.css";

type Drops = NonNullable<CampaignOut["dropped"]>;
const REASONS: (keyof Drops)[] = ["notMobile", "noPhone", "optedOut", "suppressed"];

export default function SmsDropped(props: { dropped: CampaignOut["dropped"] }) {
  const total = () => (props.dropped ? REASONS.reduce((n, k) => n + props.dropped![k], 0) : 0);
  return (
    <Show when={props.dropped && total() > 0}>
      <div class="notice notice-info sms-dropped" role="status" data-testid="sms-dropped">
        <div>
          <p>{t(total() === 1 ? "smsCamp.dropped.one" : "smsCamp.dropped.many", { count: formatNumber(total()) })}</p>
          <ul class="plain-list small">
            <For each={REASONS.filter((k) => props.dropped![k] > 0)}>{(k) => <li>{t(`smsCamp.dropped.${k}` as MessageKey, { count: formatNumber(props.dropped![k]) })}</li>}</For>
          </ul>
        </div>
      </div>
    </Show>
  );
}
