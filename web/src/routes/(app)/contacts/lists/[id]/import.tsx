/** /contacts/lists/:id/import (?import=<id> resumes an import at its step) */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import ImportPage from "../../../../../pages/ImportPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <ImportPage listId={id} />}
    </Show>
  );
}
