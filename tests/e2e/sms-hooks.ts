/**
 * A tiny HTTP server standing in for the product's SMS hooks in the SMS end-to-end tests: it
 * records every request Kannel (or the local carrier) makes to it — DLRs to a dlr-url, MO
 * messages to the get-url — and answers 200, or 404 for paths listed in `notFound`, or 200 with
 * an HTML page for paths in `html` (a Worker without its SMS hooks yet, whose dashboard fallback
 * answers unknown paths).
 * @example const hooks = await startHooks(); …; await hooks.waitFor((h) => h.path === "/dlr" && h.query.get("d") === "1");
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Hit = { at: number; path: string; query: URLSearchParams };
export type Hooks = {
  url: string;
  port: number;
  hits: Hit[];
  notFound: Set<string>;
  html: Set<string>;
  /** Hits at `path` whose query has every given value, in arrival order. */
  at(path: string, match?: Record<string, string>): Hit[];
  /** Resolves with the first hit that satisfies `pred` (already there or still to come). */
  waitFor(pred: (hit: Hit) => boolean, timeoutMs?: number): Promise<Hit>;
  close(): Promise<void>;
};

export async function startHooks(): Promise<Hooks> {
  const hits: Hit[] = [];
  const notFound = new Set<string>();
  const html = new Set<string>();
  const waiters = new Set<{ pred: (hit: Hit) => boolean; resolve: (hit: Hit) => void }>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://hooks");
    const hit = { at: Date.now(), path: url.pathname, query: url.searchParams };
    hits.push(hit);
    for (const w of waiters) if (w.pred(hit)) (waiters.delete(w), w.resolve(hit));
    if (notFound.has(url.pathname)) res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    else if (html.has(url.pathname)) res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end("<!doctype html><title>Pregón</title>");
    else res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    notFound,
    html,
    at: (path, match = {}) => hits.filter((h) => h.path === path && Object.entries(match).every(([k, v]) => h.query.get(k) === v)),
    waitFor(pred, timeoutMs = 15_000) {
      const found = hits.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { pred, resolve: (hit: Hit) => (clearTimeout(timer), resolve(hit)) };
        const timer = setTimeout(() => (waiters.delete(waiter), reject(new Error(`no matching hook call within ${timeoutMs} ms; got ${hits.map((h) => `${h.path}?${h.query}`).join(" | ") || "none"}`))), timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
