/** /login: the login card. A person already logged in goes straight on. */
import { onMount } from "solid-js";
import { useNavigate, useSearchParams } from "@solidjs/router";
import { t } from "../i18n";
import { loadSession, setMe } from "../lib/session";
import LoginForm from "../components/LoginForm";
import LanguageSelect from "../components/LanguageSelect";

export default function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = () => {
    const n = typeof params.next === "string" ? params.next : "";
    return n.startsWith("/") && !n.startsWith("//") && n !== "/login" ? n : "/";
  };
  onMount(() => {
    document.title = `${t("login.title")} · ${t("app.name")}`;
    loadSession()
      .then((m) => m && navigate(next(), { replace: true }))
      .catch(() => undefined);
  });
  return (
    <div class="login-page">
      <main class="login-card" aria-labelledby="page-title">
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">P</span>
          <span>
            <strong>{t("app.name")}</strong>
            <small>{t("app.tagline")}</small>
          </span>
        </div>
        <h1 id="page-title">{t("login.title")}</h1>
        <p class="muted">{t("login.intro")}</p>
        <LoginForm
          onLoggedIn={(m) => {
            setMe(m);
            navigate(next(), { replace: true });
          }}
        />
        <LanguageSelect />
      </main>
    </div>
  );
}
