/** What a page or table shows when there is nothing yet: a calm title and what to do next. */
import { Show, type JSX } from "solid-js";

export default function EmptyState(props: { title?: string; body: string; action?: JSX.Element }) {
  return (
    <div class="empty">
      <Show when={props.title}>
        <h2 class="empty-title">{props.title}</h2>
      </Show>
      <p>{props.body}</p>
      <Show when={props.action}>
        <div class="empty-action">{props.action}</div>
      </Show>
    </div>
  );
}
