/** /contacts/lists */
import ListsPage from "../../../../pages/ListsPage";

export default function Route() {
  return <ListsPage />;
}
