/**
 * A tiny DNS-over-HTTPS JSON server on loopback (node:http) whose zone the tests write, so
 * sending-domain checks never touch the network. TXT answers look like Cloudflare's: each
 * record cut into 255-byte strings, each quoted. A name not in the zone is NXDOMAIN.
 *
 *   GET  /dns-query?name=&type=TXT   the DoH JSON answer
 *   POST /zone {name, txt?: string[], fault?: "servfail" | "http500"}   set (or, with neither, delete) a name
 *   POST /dkim-verify   raw message in the body → mailauth's DKIM verdicts, with this zone as DNS
 *
 * Names are independent, so parallel tests that each use their own domain cannot disturb each
 * other. Used by the Worker tests (through vitest globalSetup) and the browser test (in process).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dkimVerify } from "mailauth/lib/dkim/verify";

export type ZoneEntry = { txt: string[]; fault?: "servfail" | "http500" };
export type DohServer = { url: string; set: (name: string, entry: ZoneEntry | null) => void; close: () => Promise<void> };

const key = (name: string) => name.toLowerCase().replace(/\.$/, "");
/** One TXT record's data as Cloudflare's DoH shows it. */
const quoted = (text: string) => (text.match(/[\s\S]{1,255}/g) ?? [""]).map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(" ");
const chunks = (text: string) => text.match(/[\s\S]{1,255}/g) ?? [""];

/**
 * Starts the server on a free loopback port.
 * @example const dns = await startDohServer(); dns.set("muni.gob.pe", { txt: ["v=spf1 -all"] }); env.DOH_URL = `${dns.url}/dns-query`
 */
export async function startDohServer(): Promise<DohServer> {
  const zone = new Map<string, ZoneEntry>();
  const set = (name: string, entry: ZoneEntry | null) => (entry ? zone.set(key(name), entry) : zone.delete(key(name)));

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://doh");
    const body = await new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (c) => (text += c)).on("end", () => resolve(text));
    });
    const json = (value: unknown, type = "application/json") => res.writeHead(200, { "content-type": type }).end(JSON.stringify(value));
    try {
      if (req.method === "GET" && url.pathname === "/dns-query") {
        const name = key(url.searchParams.get("name") ?? "");
        const type = (url.searchParams.get("type") ?? "A").toUpperCase();
        const entry = zone.get(name);
        if (entry?.fault === "http500") return void res.writeHead(500).end("upstream failure");
        const question = [{ name: `${name}.`, type: type === "TXT" ? 16 : 1 }];
        if (entry?.fault === "servfail") return json({ Status: 2, Question: question }, "application/dns-json");
        if (!entry) return json({ Status: 3, Question: question }, "application/dns-json");
        const answer = type === "TXT" ? entry.txt.map((t) => ({ name: `${name}.`, type: 16, TTL: 300, data: quoted(t) })) : [];
        return json({ Status: 0, TC: false, RD: true, RA: true, AD: false, CD: false, Question: question, Answer: answer }, "application/dns-json");
      }
      if (req.method === "POST" && url.pathname === "/zone") {
        const { name, txt, fault } = JSON.parse(body) as { name: string; txt?: string[]; fault?: ZoneEntry["fault"] };
        set(name, txt || fault ? { txt: txt ?? [], ...(fault ? { fault } : {}) } : null);
        return json({ ok: true });
      }
      if (req.method === "POST" && url.pathname === "/dkim-verify") {
        const resolver = async (name: string, type: string) => {
          const entry = zone.get(key(name));
          if (type !== "TXT" || !entry || entry.fault) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
          return entry.txt.map(chunks);
        };
        const { results } = await dkimVerify(Buffer.from(body, "utf8"), { resolver });
        return json(results.map((r) => ({ domain: r.signingDomain, selector: r.selector, result: r.status?.result, comment: r.status?.comment ?? null })));
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    set,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
