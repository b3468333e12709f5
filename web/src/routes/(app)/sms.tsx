/** /sms: single text messages and the recent ones with their status. */
import SmsPage from "../../pages/SmsPage";

export default function Route() {
  return <SmsPage />;
}
