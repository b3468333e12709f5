/** /audit */
import AuditPage from "../../pages/AuditPage";

export default function Route() {
  return <AuditPage />;
}
