/** /users */
import UsersPage from "../../pages/UsersPage";

export default function Route() {
  return <UsersPage />;
}
