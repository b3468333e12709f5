/**
 * The inbox's web side: the page (page.html) and a small JSON API it polls.
 *   GET  /                       the page
 *   GET  /api/mails              { version, cap, smtp, mails: [summary, newest first] }
 *   GET  /api/mails/:id          one mail: summary, text, headers, attachments, source
 *   GET  /api/mails/:id/html     its HTML body, for the sandboxed iframe (scripts blocked twice:
 *                                by the iframe's sandbox and by this response's CSP)
 *   POST /api/clear              empties the inbox ("Vaciar")
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const page = readFileSync(new URL("./page.html", import.meta.url), "utf8");

/** Images stay allowed (the tracking pixel must fire); scripts, plugins, forms and <base> do not. */
const MAIL_CSP = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** `smtp` is the "host:port" the page shows as where mail is accepted. */
export function createInboxWeb(inbox, { smtp }) {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://inbox");
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...headers });
      res.end(body);
    };
    const json = (value, status = 200) => send(status, "application/json; charset=utf-8", JSON.stringify(value));
    try {
      if (req.method === "GET" && url.pathname === "/") return send(200, "text/html; charset=utf-8", page);
      if (url.pathname === "/favicon.ico") return send(204, "image/x-icon", "");
      if (req.method === "GET" && url.pathname === "/api/mails") return json({ version: inbox.version, cap: inbox.cap, smtp, mails: inbox.list() });
      if (req.method === "POST" && url.pathname === "/api/clear") {
        inbox.clear();
        return json({ ok: true });
      }
      const m = /^\/api\/mails\/(\d+)(\/html)?$/.exec(url.pathname);
      if (req.method === "GET" && m) {
        const mail = await inbox.open(m[1]);
        if (!mail) return json({ error: "No existe ese correo (quizá se vació la bandeja)." }, 404);
        if (!m[2]) return json(mail);
        const html = mail.html ?? `<pre style="white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace">${escapeHtml(mail.text)}</pre>`;
        return send(200, "text/html; charset=utf-8", html, { "Content-Security-Policy": MAIL_CSP });
      }
      json({ error: "No encontrado" }, 404);
    } catch (err) {
      json({ error: String(err?.message ?? err) }, 500);
    }
  });
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
