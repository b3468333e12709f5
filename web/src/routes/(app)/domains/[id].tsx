/** /domains/:id — keyed by id so moving between domains starts fresh. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import DomainPage from "../../../pages/DomainPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <DomainPage id={id} />}
    </Show>
  );
}
