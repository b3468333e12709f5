/** The top of every page: its title (the page's only h1), an optional line below, and at most one primary action on the right. */
import { Show, createEffect, type JSX } from "solid-js";
import { t } from "../i18n";

export default function PageHeader(props: { title: string; subtitle?: string; action?: JSX.Element }) {
  createEffect(() => {
    document.title = `${props.title} · ${t("app.name")}`;
  });
  return (
    <div class="page-header">
      <div>
        <h1 id="page-title">{props.title}</h1>
        <Show when={props.subtitle}>
          <p class="page-subtitle">{props.subtitle}</p>
        </Show>
      </div>
      <Show when={props.action}>
        <div class="page-action">{props.action}</div>
      </Show>
    </div>
  );
}
