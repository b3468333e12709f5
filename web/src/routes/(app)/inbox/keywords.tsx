/** /inbox/keywords: the SMS keywords (automatic replies, tags, webhooks; BAJA, STOP, ALTO built in). */
import SmsKeywordsPage from "../../../pages/SmsKeywordsPage";

export default function Route() {
  return <SmsKeywordsPage />;
}
