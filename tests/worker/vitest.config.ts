// Worker integration tests: the real Worker on Miniflare (D1, Durable Objects, Queues, R2),
// with the migrations from migrations/ applied before each test file.
import path from "node:path";
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, DEFAULT_EMAIL_CREDITS: "5000", DEFAULT_SMS_CREDITS: "800", MX_CHECKS: "off" },
        },
      }),
    ],
    test: {
      include: ["tests/worker/**/*.test.ts"],
      setupFiles: ["tests/worker/apply-migrations.ts"],
      testTimeout: 30_000,
    },
  };
});
