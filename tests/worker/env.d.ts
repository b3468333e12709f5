// Test-only bindings, merged into the generated Env.
import type { D1Migration } from "@cloudflare/vitest-plugin";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** tests/fixtures/import/*, file name → base64 content. */
      TEST_FIXTURES: Record<string, string>;
      /** tests/worker/webhook-server.setup.ts: records webhook calls (GET /calls?path=). */
      TEST_WEBHOOK_URL: string;
      /** tests/worker/sms-provider.setup.ts: the fake SMS provider (routes /p/<name>, POST /script/<name>, GET /requests/<name>). */
      SMS_TEST_PROVIDER: string;
      /** tests/worker/social-standin.setup.ts: the Facebook / LinkedIn / X stand-in (POST /accounts, POST /fail, GET /calls?target=). */
      TEST_SOCIAL_URL: string;
    }
  }
}
