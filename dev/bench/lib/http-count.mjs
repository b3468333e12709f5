/**
 * Small HTTP helpers of bench:sms: a counting proxy in front of the Worker's receipt hook (to see
 * which of Kannel's callbacks were answered, and how) and a counting sink for raw Kannel's
 * dlr-url. Both keep idle connections for 2 minutes, as Kannel reuses them.
 */
import { createServer } from "node:http";

/**
 * A proxy on a free port to the Worker on `target`, counting answers in hookAnswers by the
 * receipt's `type` and the status (or "error" when the Worker could not be reached) into
 * `hookAnswers`, and every request received under `received` (received − answered = hanging).
 */
export async function countingProxy(target, hookAnswers) {
  const srv = createServer(async (req, res) => {
    const type = new URL(req.url, "http://x").searchParams.get("type") ?? "-";
    hookAnswers.received = (hookAnswers.received ?? 0) + 1;
    let status = "error";
    try {
      const r = await fetch(`http://127.0.0.1:${target}${req.url}`, { method: req.method, headers: { "User-Agent": "pregon-bench-proxy" } });
      status = String(r.status);
      res.writeHead(r.status, { "Content-Type": r.headers.get("content-type") ?? "text/plain" });
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch (err) {
      res.writeHead(502);
      res.end(String(err.message));
    }
    hookAnswers[`${type} ${status}`] = (hookAnswers[`${type} ${status}`] ?? 0) + 1;
  });
  // Kannel reuses idle connections: Node's 5 s keep-alive would reset some under it (a lost receipt).
  srv.keepAliveTimeout = 120_000;
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  return { port: srv.address().port, close: () => new Promise((r) => srv.close(r)) };
}

/** A local HTTP server answering 200 to anything (Kannel's dlr-url in run B). */
export async function countingServer() {
  let hits = 0;
  const srv = createServer((req, res) => (hits++, res.end("ok")));
  srv.keepAliveTimeout = 120_000;
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  return { port: srv.address().port, hits: () => hits, close: () => new Promise((r) => srv.close(r)) };
}
