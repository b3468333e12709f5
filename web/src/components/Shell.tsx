/**
 * The frame around every logged-in page: skip link, left navigation (a drawer on phones), the
 * header and the main region. The drawer closes on navigation and with Escape.
 */
import { createSignal, type JSX } from "solid-js";
import { t } from "../i18n";
import { Show } from "solid-js";
import { isNarrow } from "../lib/media";
import NavMenu from "./NavMenu";
import AccountControls from "./AccountControls";
import TopBar from "./TopBar";

export default function Shell(props: { children: JSX.Element; onLogout: () => void }) {
  const [open, setOpen] = createSignal(false);
  return (
    <div class="shell" classList={{ "menu-open": open() }} onKeyDown={(e) => e.key === "Escape" && open() && setOpen(false)}>
      <a class="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <nav id="sidebar" class="sidebar" aria-label={t("nav.label")}>
        <div class="sidebar-brand">
          <span class="brand-mark" aria-hidden="true">P</span>
          <span>
            <strong>{t("app.name")}</strong>
            <small>{t("app.tagline")}</small>
          </span>
        </div>
        <NavMenu onNavigate={() => setOpen(false)} />
        <Show when={isNarrow()}>
          <AccountControls inDrawer onLogout={() => props.onLogout()} />
        </Show>
      </nav>
      <div class="backdrop" aria-hidden="true" onClick={() => setOpen(false)} />
      <div class="shell-main">
        <TopBar menuOpen={open()} onToggleMenu={() => setOpen(!open())} onLogout={() => props.onLogout()} />
        <main id="main" tabindex="-1" aria-labelledby="page-title">
          {props.children}
        </main>
      </div>
    </div>
  );
}
