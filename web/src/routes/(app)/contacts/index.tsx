/** /contacts */
import ContactsPage from "../../../pages/ContactsPage";

export default function Route() {
  return <ContactsPage />;
}
