/**
 * The layout of every logged-in page: checks the session once (no session → /login, keeping the
 * address to come back to), sends any later 401 to /login, and wraps the page in the Shell.
 */
import { Show, createSignal, onCleanup, onMount } from "solid-js";
import { useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { api, onUnauthorized } from "../lib/api";
import { loadSession, me, setMe } from "../lib/session";
import Shell from "../components/Shell";
import BootScreen from "../components/BootScreen";

export default function AppLayout(props: RouteSectionProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const [failed, setFailed] = createSignal<unknown>(null);

  const toLogin = () => {
    setMe(null);
    const here = location.pathname + location.search;
    navigate(here === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`, { replace: true });
  };
  const check = () => {
    setFailed(null);
    loadSession()
      .then((m) => m || toLogin())
      .catch(setFailed);
  };
  onMount(() => {
    onUnauthorized(toLogin);
    if (!me()) check();
  });
  onCleanup(() => onUnauthorized(null));

  async function logout() {
    try {
      await api.logout();
    } catch {
      /* the session may already be gone; leave anyway */
    }
    setMe(null);
    navigate("/login", { replace: true });
  }

  return (
    <Show when={me()} fallback={<BootScreen error={failed()} onRetry={check} />}>
      <Shell onLogout={() => void logout()}>{props.children}</Shell>
    </Show>
  );
}
