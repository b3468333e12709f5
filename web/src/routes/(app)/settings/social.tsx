/** /settings/social: Configuración → Redes sociales (connected social accounts, W6). */
import SocialAccountsPage from "../../../pages/SocialAccountsPage";

export default function Route() {
  return <SocialAccountsPage />;
}
