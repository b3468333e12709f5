/** /inbox: the Bandeja SMS, conversations per number (`?n=` the open one). */
import InboxPage from "../../../pages/InboxPage";

export default function Route() {
  return <InboxPage />;
}
