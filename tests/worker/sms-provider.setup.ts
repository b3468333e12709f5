/**
 * vitest globalSetup (Node side): a fake SMS provider on loopback for the Worker's send path.
 * Each test uses routes of its own, so tests running side by side never see each other's
 * requests: `<url>/p/<route>` is a provider base URL that speaks
 *
 *   Kannel   GET  <base>/cgi-bin/sendsms   → 202 "0: Accepted for delivery"
 *   Jasmin   POST <base>/send              → 200 Success "<uuid>"
 *   JSON     POST <base>                   → 202 {"id": "gw-<n>"}
 *
 * unless the test scripted other answers: POST /script/<route> with
 * `{ "answers": [{ "status": 503, "body": "…" } | { "hang": true } …], "then": { … } }` — the
 * answers are used in order, then `then` (if given) for every later request, then the default.
 * A hanging request is never answered (the Worker's timeout must cut it). GET /requests/<route>
 * lists what the route received: method, path, the raw query, its parameters decoded (UTF-8)
 * and the body. The route "local" is the deployment's default connection (SMS_KANNEL_URL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

export type ScriptedAnswer = { status?: number; body?: string; hang?: boolean };
export type ProviderRequest = { method: string; path: string; rawQuery: string; params: Record<string, string>; body: string; at: number };

declare module "vitest" {
  export interface ProvidedContext {
    smsProvider: string;
  }
}

const scripts = new Map<string, { answers: ScriptedAnswer[]; then: ScriptedAnswer | null }>();
const received = new Map<string, ProviderRequest[]>();
let counter = 0;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function defaultAnswer(path: string, method: string): { status: number; body: string; type: string } {
  if (path.endsWith("/cgi-bin/sendsms")) return { status: 202, body: "0: Accepted for delivery", type: "text/html" };
  if (path.endsWith("/send")) return { status: 200, body: `Success "${crypto.randomUUID()}"`, type: "text/plain" };
  if (method === "POST") return { status: 202, body: JSON.stringify({ id: `gw-${++counter}` }), type: "application/json" };
  return { status: 404, body: "no such path", type: "text/plain" };
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://provider");
  const body = await readBody(req);
  const json = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
  const control = /^\/(script|requests)\/([\w-]+)$/.exec(url.pathname);
  if (control && control[1] === "script" && req.method === "POST") {
    const s = JSON.parse(body || "{}") as { answers?: ScriptedAnswer[]; then?: ScriptedAnswer };
    scripts.set(control[2]!, { answers: s.answers ?? [], then: s.then ?? null });
    return json({ ok: true });
  }
  if (control && control[1] === "requests") return json(received.get(control[2]!) ?? []);
  const route = /^\/p\/([\w-]+)(\/.*)?$/.exec(url.pathname);
  if (!route) return res.writeHead(404).end();
  const name = route[1]!;
  const rawQuery = url.search.slice(1);
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQuery)) params[k] = v;
  (received.get(name) ?? received.set(name, []).get(name)!).push({ method: req.method ?? "GET", path: route[2] ?? "/", rawQuery, params, body, at: Date.now() });
  const script = scripts.get(name);
  const scripted = script?.answers.shift() ?? script?.then ?? null;
  if (scripted?.hang) return; // never answered: the client's timeout must end it
  const fallback = defaultAnswer(url.pathname, req.method ?? "GET");
  res.writeHead(scripted?.status ?? fallback.status, { "content-type": fallback.type }).end(scripted?.body ?? fallback.body);
}

export default async function setup(project: TestProject) {
  const server = createServer((req, res) => void handle(req, res).catch((err) => res.writeHead(500).end(String(err))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("smsProvider", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
}
