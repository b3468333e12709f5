/**
 * The dashboard's root: the router with file routes (web/src/routes), the one stylesheet, and
 * `<html lang>` set from the saved language before the first paint.
 */
import { Router } from "@solidjs/router";
import { FileRoutes } from "@solidjs/start/router";
import { Suspense } from "solid-js";
import { locale } from "./i18n";
import "./styles/app.css";

if (typeof document !== "undefined") document.documentElement.lang = locale() === "en" ? "en" : "es-PE";

export default function App() {
  return (
    <Router root={(props) => <Suspense>{props.children}</Suspense>}>
      <FileRoutes />
    </Router>
  );
}
