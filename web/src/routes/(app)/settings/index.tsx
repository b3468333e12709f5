/** /settings */
import SettingsPage from "../../../pages/SettingsPage";

export default function Route() {
  return <SettingsPage />;
}
