/** /campaigns/:id — keyed by id so moving from one campaign to another starts fresh. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import CampaignPage from "../../../pages/CampaignPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <CampaignPage id={id} />}
    </Show>
  );
}
