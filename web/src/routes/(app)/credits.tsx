/** /credits */
import CreditsPage from "../../pages/CreditsPage";

export default function Route() {
  return <CreditsPage />;
}
