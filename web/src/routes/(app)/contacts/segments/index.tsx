/** /contacts/segments */
import SegmentsPage from "../../../../pages/SegmentsPage";

export default function Route() {
  return <SegmentsPage />;
}
