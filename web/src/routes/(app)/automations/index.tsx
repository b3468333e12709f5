/** /automations: the account's automations (W4, S6). */
import AutomationsPage from "../../../pages/AutomationsPage";

export default function Route() {
  return <AutomationsPage />;
}
