// Test-only bindings, merged into the generated Env.
import type { D1Migration } from "@cloudflare/vitest-plugin";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** tests/fixtures/import/*, file name → base64 content. */
      TEST_FIXTURES: Record<string, string>;
    }
  }
}
