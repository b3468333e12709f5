/** An SMS campaign's message on its page, in place of the email preview: the text as written, with its segment count. */
import { t } from "../i18n";
import type { CampaignOut } from "../lib/api";
import { campaignLinkBase } from "../lib/sms-campaign";
import { composerStats } from "../lib/sms";
import SmsCounter from "./SmsCounter";
import "../styles/sms.css";

export default function SmsCampaignText(props: { campaign: CampaignOut }) {
  const stats = () => composerStats(props.campaign.text ?? "", { linkBase: campaignLinkBase() });
  return (
    <section class="section" aria-labelledby="sms-camp-text">
      <h2 id="sms-camp-text" class="section-title">
        {t("smsCamp.text.title")}
      </h2>
      <div class="card">
        <p class="sms-bubble">
          {props.campaign.text}
        </p>
        <SmsCounter stats={stats()} recipients={1} />
        <p class="muted small">{t("smsCamp.text.note")}</p>
      </div>
    </section>
  );
}
