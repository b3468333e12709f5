// Worker integration tests: the real Worker on Miniflare (D1, Durable Objects, Queues, R2),
// with the migrations from migrations/ applied before each test file.
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  // The Workers runtime has no file system: import fixtures travel as base64 in a JSON binding.
  const fixtureDir = path.join(root, "tests/fixtures/import");
  const fixtures = Object.fromEntries(fs.readdirSync(fixtureDir).map((f) => [f, fs.readFileSync(path.join(fixtureDir, f)).toString("base64")]));
  return {
    plugins: [
      // The callback form runs after globalSetup, so it can hand the SMTP test servers' ports to the Worker.
      cloudflareTest(async ({ inject }) => ({
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          // wrangler also reads a developer's git-ignored .dev.vars: every value it may set is given
          // here (the owner's bootstrap switched off), so a fresh checkout runs exactly as this one.
          bindings: { ADMIN_EMAIL: "", ADMIN_PASSWORD: "", PUBLIC_URL: "http://127.0.0.1:8787", ALLOW_PRIVATE_TARGETS: "true", TEST_MIGRATIONS: migrations, TEST_FIXTURES: fixtures, DEFAULT_EMAIL_CREDITS: "5000", DEFAULT_SMS_CREDITS: "800", MX_CHECKS: "off", SENDER_DOMAINS: "empresa.pe,pregon.local", LINK_SECRET: "test-link-secret", SMTP_TEST: inject("smtpServers"), SMTP_HOST: "127.0.0.1", SMTP_PORT: String(inject("smtpServers").main), SMTP_POOL: "4", EMAIL_RETRY_SECONDS: "0", DOH_URL: `${inject("dohServer")}/dns-query`, SPF_INCLUDE: "spf.relay.test", TEST_WEBHOOK_URL: inject("webhookServer"), SMS_TEST_PROVIDER: inject("smsProvider"), SMS_KANNEL_URL: `${inject("smsProvider")}/p/local`, SMS_KANNEL_USER: "pregon", SMS_KANNEL_PASSWORD: "local-secret", SMS_SEND_TIMEOUT_MS: "1500", SMS_RETRY_SECONDS: "0", TEST_SOCIAL_URL: inject("socialStandin"), FACEBOOK_API_URL: `${inject("socialStandin")}/facebook`, LINKEDIN_API_URL: `${inject("socialStandin")}/linkedin`, X_API_URL: `${inject("socialStandin")}/x`, SOCIAL_RETRY_SECONDS: "0" },
        },
      })),
    ],
    resolve: { alias: { cheerio: path.join(root, "shared/templates/cheerio-stub.cjs") } },
    test: {
      include: ["tests/worker/**/*.test.ts"],
      setupFiles: ["tests/worker/apply-migrations.ts"],
      // SMTP servers on loopback for smtp.test.ts; a DNS-over-HTTPS server for the sending-domain checks;
      // a fake SMS provider (Kannel, Jasmin, JSON) whose answers each test scripts; stand-ins of the social APIs.
      globalSetup: ["tests/worker/smtp-server.setup.ts", "tests/worker/doh-server.setup.ts", "tests/worker/webhook-server.setup.ts", "tests/worker/sms-provider.setup.ts", "tests/worker/social-standin.setup.ts"],
      testTimeout: 30_000,
    },
  };
});
