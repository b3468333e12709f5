/**
 * End-to-end suite: the real Worker (wrangler's programmatic dev server, Miniflare) serving the
 * built dashboard from web/dist, driven by Debian Chromium through playwright-core. Runs in
 * Node; two files at a time, generous timeouts (first start compiles the Worker).
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
    // Two files at a time: most of a file's time is waiting (wrangler's start, Chromium, real
    // timers), so two share the machine's cores well; each has its own Worker, ports and state.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ["verbose"],
  },
});
