/** /contacts/:id — keyed by id so moving from one contact to another starts fresh. */
import { Show } from "solid-js";
import { useParams } from "@solidjs/router";
import ContactPage from "../../../pages/ContactPage";

export default function Route() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={params.id} keyed>
      {(id) => <ContactPage id={id} />}
    </Show>
  );
}
