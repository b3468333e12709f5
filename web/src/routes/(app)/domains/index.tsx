/** /domains */
import DomainsPage from "../../../pages/DomainsPage";

export default function Route() {
  return <DomainsPage />;
}
