/** /contacts/fields */
import FieldsPage from "../../../pages/FieldsPage";

export default function Route() {
  return <FieldsPage />;
}
