/** /settings/sms: Configuración → SMS (connections, segment policy, portability). */
import SmsSettingsPage from "../../../pages/SmsSettingsPage";

export default function Route() {
  return <SmsSettingsPage />;
}
