/**
 * The local carrier's HTTP side, on one port:
 *   GET|POST /cgi-bin/sendsms   Kannel's sendsms interface (engine.mjs): 202 "0: Accepted for delivery"…
 *   GET  /                      the page ("Operador SMS de prueba", page.html)
 *   GET  /api/state[?version=n] { version, config, user, sendsmsUrl, moUrl, messages, mos }, or
 *                               { version, unchanged: true } when nothing changed since n
 *   POST /api/mo      { from, to, text }                a reply from a handset → the MO URL; 202
 *   POST /api/config  { failureRate?, deliveryDelayMs? }
 *   POST /api/clear   forgets every message and reply ("Vaciar")
 * JSON errors: `{ error: { code, message, field? } }`.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const page = readFileSync(new URL("./page.html", import.meta.url), "utf8");

/** `sendsmsUrl` is the address shown on the page (where the Worker is told to send). */
export function createCarrierWeb(carrier, { sendsmsUrl, username }) {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://carrier");
    const send = (status, type, body) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      res.end(body);
    };
    const json = (value, status = 200) => send(status, "application/json; charset=utf-8", JSON.stringify(value));
    const fail = (status, code, message, field) => json({ error: { code, message, ...(field ? { field } : {}) } }, status);
    try {
      if (url.pathname === "/cgi-bin/sendsms" && (req.method === "GET" || req.method === "POST")) {
        const query = req.method === "GET" ? url.search.slice(1) : (await readBody(req)).toString("latin1");
        const { status, body } = carrier.sendsms(query);
        return send(status, "text/html", body); // Kannel answers text/html
      }
      if (req.method === "GET" && url.pathname === "/") return send(200, "text/html; charset=utf-8", page);
      if (url.pathname === "/favicon.ico") return send(204, "image/x-icon", "");
      if (req.method === "GET" && url.pathname === "/api/state") {
        const version = carrier.store.version;
        if (url.searchParams.get("version") === String(version)) return json({ version, unchanged: true });
        const { messages, mos, cap } = carrier.store;
        return json({ version, cap, config: carrier.config, user: username, sendsmsUrl, moUrl: carrier.moUrl, messages, mos });
      }
      if (req.method === "POST" && url.pathname === "/api/mo") {
        const body = JSON.parse((await readBody(req)).toString("utf8") || "{}");
        for (const field of ["from", "to", "text"]) {
          if (typeof body[field] !== "string" || !body[field].trim()) return fail(400, "invalid_field", `${field}: required, a non-empty string`, field);
        }
        if (!/^\+?\d{3,20}$/.test(body.from.trim())) return fail(400, "invalid_field", "from: digits only, e.g. 51987654321", "from");
        return json(await carrier.injectMo({ from: body.from.trim().replace(/^\+/, ""), to: body.to.trim(), text: body.text }), 202);
      }
      if (req.method === "POST" && url.pathname === "/api/config") {
        const body = JSON.parse((await readBody(req)).toString("utf8") || "{}");
        try {
          return json({ config: carrier.configure(body) });
        } catch (err) {
          return fail(400, "invalid_field", err.message, err.message.split(":")[0]);
        }
      }
      if (req.method === "POST" && url.pathname === "/api/clear") {
        carrier.store.clear();
        return json({ ok: true });
      }
      fail(404, "not_found", "No encontrado");
    } catch (err) {
      if (err instanceof SyntaxError) return fail(400, "invalid_json", `body: ${err.message}`, "body");
      fail(500, "internal", String(err?.message ?? err));
    }
  });
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}
