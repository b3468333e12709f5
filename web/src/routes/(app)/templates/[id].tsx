/** /templates/:id — keyed by id so moving to a copy starts fresh. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import TemplatePage from "../../../pages/TemplatePage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <TemplatePage id={id} />}
    </Show>
  );
}
