/**
 * The simulated SMSC's HTTP control API (JSON, 127.0.0.1 only), so a test or a person in another
 * process can see what reached the "carrier" and steer it:
 *   GET  /messages[?to=519…]   { messages: [recorded submit_sm, oldest first] }
 *   GET  /mo                   { mos: [injected MO messages] }
 *   GET  /status               { sessions, submits, pendingReceipts, config }
 *   POST /mo      { from, to, text, coding? }   inject an MO ("gsm" | "ucs2"; default: by text) → 202
 *   POST /config  { deliveryDelayMs?, failureRate?, failureOutcome?, outcomes?: { number: stat }, seed? }
 *   POST /reset   forget recorded messages, back to the start-up config
 * Errors: `{ error: { code, message, field? } }` with 400 (bad input), 404, 503 (no Kannel bound).
 */
import { createServer } from "node:http";

/** An http.Server (not listening yet) over a started SMSC (see smsc-sim.mjs). */
export function createControlServer(smsc) {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://smsc");
    const json = (status, value) => {
      res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
      res.end(JSON.stringify(value));
    };
    const fail = (status, code, message, field) => json(status, { error: { code, message, ...(field ? { field } : {}) } });
    try {
      const route = `${req.method} ${url.pathname}`;
      if (route === "GET /messages") return json(200, { messages: smsc.messages(url.searchParams.get("to")) });
      if (route === "GET /mo") return json(200, { mos: smsc.mos() });
      if (route === "GET /status") return json(200, { sessions: smsc.sessions(), submits: smsc.messages().length, pendingReceipts: smsc.pendingReceipts(), config: smsc.config() });
      if (route === "POST /reset") return (smsc.reset(), json(200, { ok: true }));
      if (route === "POST /config") {
        const body = await readJson(req);
        try {
          return json(200, { config: smsc.configure(body) });
        } catch (err) {
          return fail(400, "invalid_field", err.message, err.message.split(":")[0]);
        }
      }
      if (route === "POST /mo") {
        const body = await readJson(req);
        for (const field of ["from", "to", "text"]) {
          if (typeof body?.[field] !== "string" || body[field] === "") return fail(400, "invalid_field", `${field}: required, a non-empty string`, field);
        }
        if (body.coding !== undefined && body.coding !== "gsm" && body.coding !== "ucs2") return fail(400, "invalid_field", 'coding: "gsm" or "ucs2"', "coding");
        if (smsc.sessions() === 0) return fail(503, "not_bound", "no SMPP session is bound to receive the MO (is Kannel connected?)");
        return json(202, await smsc.sendMo(body));
      }
      fail(404, "not_found", `no route ${route}`);
    } catch (err) {
      if (err instanceof SyntaxError) return fail(400, "invalid_json", `body: ${err.message}`, "body");
      fail(500, "internal", String(err?.message ?? err));
    }
  });
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}
