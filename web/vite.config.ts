/**
 * Build of the dashboard: a SolidStart SPA (no SSR). At build time nitro's static preset
 * prerenders the shell (index.html) and writes it with the client assets to web/dist, which
 * wrangler serves as static assets with an SPA fallback. In `vite dev`, /api is proxied to a
 * running Worker (nitro is left out there because it would swallow the proxy).
 */
import { defineConfig } from "vite";
import { solidStart } from "@solidjs/start/config";
import { nitro } from "nitro/vite";

export default defineConfig(({ command }) => ({
  publicDir: "web/public",
  plugins: [
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
