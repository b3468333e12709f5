/** /templates */
import TemplatesPage from "../../../pages/TemplatesPage";

export default function Route() {
  return <TemplatesPage />;
}
