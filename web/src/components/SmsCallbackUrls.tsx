/** The two addresses an SMS provider must call (delivery receipts, incoming messages), each with "Copiar". They hold the connection's secret. */
import { t } from "../i18n";
import CopyField from "./CopyField";

export default function SmsCallbackUrls(props: { urls: { dlr: string; mo: string } }) {
  return (
    <div class="sms-callbacks" data-testid="sms-callbacks">
      <p class="small">
        <strong>{t("sms.conn.callbacks")}</strong> <span class="muted">{t("sms.conn.callbacksHint")}</span>
      </p>
      <CopyField label={t("sms.conn.dlrUrl")} value={props.urls.dlr} copyLabel={t("sms.conn.copy")} testId="sms-dlr-url" />
      <CopyField label={t("sms.conn.moUrl")} value={props.urls.mo} copyLabel={t("sms.conn.copy")} testId="sms-mo-url" />
    </div>
  );
}
