/** /contacts/segments/:id, and /contacts/segments/new for the builder of a new segment. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import SegmentPage from "../../../../pages/SegmentPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <SegmentPage id={id} />}
    </Show>
  );
}
