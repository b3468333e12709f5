/**
 * Build of the dashboard: a SolidStart SPA (no SSR). At build time nitro's static preset
 * prerenders the shell (index.html) and writes it with the client assets to web/dist, which
 * wrangler serves as static assets with an SPA fallback. In `vite dev`, /api is proxied to a
 * running Worker (nitro is left out there because it would swallow the proxy).
 */
import { defineConfig, type Plugin } from "vite";
import { solidStart } from "@solidjs/start/config";
import { nitro } from "nitro/vite";

/**
 * SolidStart imports its dev toolbar's stylesheets even when the toolbar is off (devOverlay:
 * false); in a production build that is 17 kB of render-blocking CSS nobody uses. Empty them.
 */
const dropDevToolbarCss: Plugin = {
  name: "pregon:drop-dev-toolbar-css",
  enforce: "pre",
  apply: "build",
  load(id) {
    if (/@solidjs[\\/]start[\\/]dist[\\/]shared[\\/](dev-toolbar|ui)[\\/][^?]*\.css/.test(id)) return "";
    return null;
  },
};

export default defineConfig(({ command }) => ({
  publicDir: "web/public",
  plugins: [
    dropDevToolbarCss,
    solidStart({ ssr: false, appRoot: "./web/src", devOverlay: false }),
    ...(command === "build"
      ? [
          nitro({
            preset: "static",
            output: { dir: "web/.output", publicDir: "web/dist" },
            prerender: { routes: ["/"] },
            publicAssets: [{ dir: "web/public", baseURL: "/" }],
          }),
        ]
      : []),
  ],
  optimizeDeps: { include: ["@jridgewell/trace-mapping"] },
  server: {
    proxy: { "/api": process.env.PREGON_API ?? "http://127.0.0.1:8787" },
  },
}));
