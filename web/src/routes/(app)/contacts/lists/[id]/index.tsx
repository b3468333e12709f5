/** /contacts/lists/:id — keyed by id so moving from one list to another starts fresh. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import ListPage from "../../../../../pages/ListPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <ListPage id={id} />}
    </Show>
  );
}
