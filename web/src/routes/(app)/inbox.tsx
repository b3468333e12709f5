/** /inbox: not built yet ("Próximamente"). */
import ComingSoon from "../../components/ComingSoon";

export default function Route() {
  return <ComingSoon section="nav.inbox" />;
}
