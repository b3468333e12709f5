/**
 * Secrets and optional settings that `wrangler types` cannot see (they live in `.dev.vars`
 * locally and in `wrangler secret put` at Cloudflare). Merged into the generated `Env`.
 */
interface Env {
  /** Owner created on an empty database (first start). */
  ADMIN_EMAIL?: string;
  ADMIN_PASSWORD?: string;
  /** Name of the main account created on first start. */
  ACCOUNT_NAME?: string;
}
