/**
 * The dashboard's API called from inside the browser page, as the page itself calls it: with the
 * page's session cookie and its CSRF token (from /api/v1/me). For seeding and checking what a
 * test cannot reach through the screens it is about.
 */
import type { Page } from "playwright-core";

/** The status and JSON body of `method path` with `body`. */
export function pageApiRaw<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await fetch("/api/v1/me").then((r) => r.json())) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, { method, headers: { "Content-Type": "application/json", "X-CSRF-Token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, data: (await res.json()) as T };
    },
    { method, path, body },
  );
}

/** The JSON body of `method path`; throws with the status and body unless it succeeded. */
export async function pageApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const res = await pageApiRaw<T>(page, method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}
