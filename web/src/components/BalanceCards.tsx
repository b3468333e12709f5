/** The two KPI cards of a holder's balance: email and SMS available, with reserved credits and the next expiry (vigencia). */
import { t } from "../i18n";
import type { ChannelBalance, HolderBalance } from "../lib/api";
import { formatDate, formatNumber } from "../lib/format";
import KpiCard from "./KpiCard";

function expiry(b: ChannelBalance): string {
  return b.nextExpiry ? t("home.validUntil", { date: formatDate(b.nextExpiry) }) : t("home.noExpiry");
}

export default function BalanceCards(props: { balance: HolderBalance; testPrefix?: string }) {
  return (
    <div class="kpi-grid">
      <KpiCard
        label={t("home.available.email")}
        value={formatNumber(props.balance.email.available)}
        detail={expiry(props.balance.email)}
        detail2={props.balance.email.reserved ? t("home.reserved", { count: formatNumber(props.balance.email.reserved) }) : undefined}
        testId={`${props.testPrefix ?? "balance"}-email`}
      />
      <KpiCard
        label={t("home.available.sms")}
        value={formatNumber(props.balance.sms.available)}
        detail={expiry(props.balance.sms)}
        detail2={props.balance.sms.reserved ? t("home.reserved", { count: formatNumber(props.balance.sms.reserved) }) : undefined}
        testId={`${props.testPrefix ?? "balance"}-sms`}
      />
    </div>
  );
}
