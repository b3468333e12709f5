/** /contacts/suppression */
import SuppressionPage from "../../../pages/SuppressionPage";

export default function Route() {
  return <SuppressionPage />;
}
