/** /settings/webhooks: Configuración → Webhooks (outgoing webhooks, B1). */
import WebhooksPage from "../../../pages/WebhooksPage";

export default function Route() {
  return <WebhooksPage />;
}
