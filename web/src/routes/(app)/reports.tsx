/** /reports */
import ReportsPage from "../../pages/ReportsPage";

export default function Route() {
  return <ReportsPage />;
}
