/** /campaigns */
import CampaignsPage from "../../../pages/CampaignsPage";

export default function Route() {
  return <CampaignsPage />;
}
