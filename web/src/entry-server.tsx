/**
 * The HTML shell of the SPA (prerendered once to web/dist/index.html at build time; no SSR).
 * `lang` starts as es-PE and follows the chosen language at runtime (app.tsx, i18n).
 */
import { createHandler, StartServer } from "@solidjs/start/server";

export default createHandler(() => (
  <StartServer
    document={(props) => (
      <html lang="es-PE">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light" />
          <title>Pregón</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          {props.assets}
        </head>
        <body>
          <div id="app">{props.children}</div>
          {props.scripts}
        </body>
      </html>
    )}
  />
));
