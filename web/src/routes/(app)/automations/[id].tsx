/** /automations/:id, and /automations/new for the builder of a new automation. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import AutomationPage from "../../../pages/AutomationPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <AutomationPage id={id} />}
    </Show>
  );
}
