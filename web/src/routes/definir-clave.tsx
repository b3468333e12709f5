/**
 * /definir-clave?token=…: the page a welcome mail's link opens (W5), public and without the
 * navigation, like /login. It looks the link up first: valid → "Hola {name}, elige tu contraseña"
 * and the form; used or expired (410) or unknown (404) → a plain explanation. Once the password
 * is saved, it sends the person to log in (the API never logs in from a link).
 */
import { Match, Switch, createSignal, onMount } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { t } from "../i18n";
import { api, ApiError, type PasswordTokenOut } from "../lib/api";
import { errorText } from "../lib/errors";
import SetPasswordForm from "../components/SetPasswordForm";
import LanguageSelect from "../components/LanguageSelect";

type State = { kind: "loading" } | { kind: "ready"; who: PasswordTokenOut } | { kind: "gone" } | { kind: "unknown" } | { kind: "error"; message: string } | { kind: "done" };

export default function SetPasswordRoute() {
  const [params] = useSearchParams();
  const token = () => (typeof params.token === "string" ? params.token : "");
  const [state, setState] = createSignal<State>({ kind: "loading" });
  onMount(() => {
    document.title = `${t("setPassword.title")} · ${t("app.name")}`;
    if (!token()) return setState({ kind: "unknown" });
    api
      .passwordToken(token())
      .then((who) => setState({ kind: "ready", who }))
      .catch((err) => {
        if (err instanceof ApiError && err.status === 410) setState({ kind: "gone" });
        else if (err instanceof ApiError && err.status === 404) setState({ kind: "unknown" });
        else setState({ kind: "error", message: errorText(err) });
      });
  });
  const ready = () => {
    const s = state();
    return s.kind === "ready" ? s.who : null;
  };
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
        <Switch>
          <Match when={state().kind === "loading"}>
            <h1 id="page-title">{t("setPassword.title")}</h1>
            <p class="muted" role="status">{t("setPassword.loading")}</p>
          </Match>
          <Match when={ready()}>
            {(who) => (
              <>
                <h1 id="page-title">{t("setPassword.greeting", { name: who().name })}</h1>
                <p class="muted">{t("setPassword.intro", { email: who().email })}</p>
                <SetPasswordForm token={token()} onDone={() => setState({ kind: "done" })} onGone={() => setState({ kind: "gone" })} />
              </>
            )}
          </Match>
          <Match when={state().kind === "done"}>
            <h1 id="page-title">{t("setPassword.title")}</h1>
            <div class="notice notice-success" role="status">
              <p>{t("setPassword.done")}</p>
            </div>
            <A class="btn btn-primary btn-block" href="/login">
              {t("setPassword.toLogin")}
            </A>
          </Match>
          <Match when={state().kind !== "loading"}>
            <h1 id="page-title">{t("setPassword.title")}</h1>
            <div class="notice notice-error" role="alert">
              <p>{state().kind === "gone" ? t("setPassword.gone") : state().kind === "unknown" ? t("setPassword.unknown") : (state() as { message: string }).message}</p>
            </div>
          </Match>
        </Switch>
        <p>
          <a href="/guia" rel="external">{t("setPassword.guide")}</a>
        </p>
        <LanguageSelect />
      </main>
    </div>
  );
}
