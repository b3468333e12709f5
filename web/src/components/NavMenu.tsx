/** The list of sections in the left navigation; hides the ones the role cannot use and marks the current page. */
import { For } from "solid-js";
import { A, useLocation } from "@solidjs/router";
import { t } from "../i18n";
import { NAV } from "../lib/nav";
import { can } from "../lib/session";

export default function NavMenu(props: { onNavigate?: () => void }) {
  const items = () => NAV.filter((item) => !item.permission || can(item.permission));
  const location = useLocation();
  // A page under a section (e.g. /domains under Configuración) keeps that section marked.
  const under = (paths?: string[]) => (paths ?? []).some((p) => location.pathname === p || location.pathname.startsWith(`${p}/`));
  return (
    <ul class="nav-list">
      <For each={items()}>
        {(item) => (
          <li>
            <A href={item.path} end={item.path === "/"} activeClass="active" classList={{ active: under(item.also) }} aria-current={under(item.also) ? "page" : undefined} onClick={() => props.onNavigate?.()}>
              {t(item.label)}
            </A>
          </li>
        )}
      </For>
    </ul>
  );
}
