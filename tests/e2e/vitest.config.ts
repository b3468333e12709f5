/**
 * End-to-end suite: the real Worker (wrangler's programmatic dev server, Miniflare) serving the
 * built dashboard from web/dist, driven by Debian Chromium through playwright-core. Runs in
 * Node; one file, sequential, generous timeouts (first start compiles the Worker).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    environment: "node",
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ["verbose"],
  },
});
