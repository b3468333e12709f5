/**
 * vitest globalSetup (Node side): a small HTTP server that records the webhook calls the Worker
 * makes (SMS keyword triggers), for tests/worker/sms-inbound.test.ts. Its base URL is provided
 * as `webhookServer` and reaches the Worker as TEST_WEBHOOK_URL.
 *
 *   POST <any path>          recorded (path, headers, raw body) and answered 200 "ok";
 *                            a path starting with /fail answers 500, /slow waits 10 s first
 *   GET  /calls?path=<path>  { calls: [{ path, headers, body, at }] } recorded at that path
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    webhookServer: string;
  }
}

type Call = { path: string; headers: Record<string, string>; body: string; at: number };

export default async function setup(project: TestProject) {
  const calls: Call[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://webhooks");
    if (req.method === "GET" && url.pathname === "/calls") {
      const path = url.searchParams.get("path");
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ calls: calls.filter((c) => path === null || c.path === path) }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      calls.push({ path: url.pathname, headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      if (url.pathname.startsWith("/fail")) res.writeHead(500).end("no");
      else if (url.pathname.startsWith("/slow")) setTimeout(() => res.writeHead(200).end("late"), 10_000).unref();
      else res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("webhookServer", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
}
