/**
 * A local stand-in for the three social APIs Pregón posts to (W6), on loopback (node:http), since
 * the real ones cannot be reached here. It speaks the subset we use, checks each call's token
 * against the one registered for its target, records every call, and fails on demand.
 *
 *   POST /facebook/{page-id}/feed      form message, link, access_token → {id: "<page>_<n>"}
 *   POST /linkedin/rest/posts          Bearer, LinkedIn-Version, JSON → 201, x-restli-id urn:li:share:<n>
 *   POST /x/2/tweets                   Bearer, JSON {text} (≤ 280, links as 23) → 201 {data: {id, text}}
 *   POST /accounts {network, target, token}       the right token for a target (unknown target: 404-like refusal)
 *   POST /fail {network, target, mode: "500-once" | "401" | null}   the next call fails once with a 500 / every call gets an expired-token 401 / clear
 *   GET  /calls?target=                 { calls: [{ network, target, token, headers, body, status, at }] }
 *
 * Errors use each network's shape (Graph's error.message, LinkedIn's message, X's detail), so the
 * Worker's reading of them is what is tested. Used by the Worker tests (vitest globalSetup) and
 * the browser test (in process).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Network = "facebook" | "linkedin" | "x";
export type StandinCall = { network: Network; target: string; token: string | null; headers: Record<string, string>; body: Record<string, unknown>; status: number; at: number };
export type SocialStandin = { url: string; register: (network: Network, target: string, token: string) => void; calls: (target?: string) => StandinCall[]; close: () => Promise<void> };

const EXPIRED: Record<Network, { status: number; body: unknown }> = {
  facebook: { status: 400, body: { error: { message: "Error validating access token: Session has expired on Friday, 27-Nov-26 10:00:00 PST.", type: "OAuthException", code: 190, error_subcode: 463 } } },
  linkedin: { status: 401, body: { status: 401, serviceErrorCode: 65601, code: "EXPIRED_ACCESS_TOKEN", message: "The token used in the request has expired" } },
  x: { status: 401, body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } },
};
const WRONG: Record<Network, { status: number; body: unknown }> = {
  facebook: { status: 400, body: { error: { message: "Invalid OAuth access token - Cannot parse access token", type: "OAuthException", code: 190 } } },
  linkedin: { status: 401, body: { status: 401, serviceErrorCode: 65600, code: "INVALID_ACCESS_TOKEN", message: "Invalid access token" } },
  x: { status: 401, body: { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" } },
};

const flat = (h: IncomingHttpHeaders) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
const xLength = (text: string) => text.split(/(https?:\/\/\S+)/).reduce((n, part) => n + (/^https?:\/\//.test(part) ? 23 : [...part].length), 0);

/**
 * Starts the stand-in on a free loopback port.
 * @example const s = await startSocialStandin(); s.register("x", "12345", "tok"); env.X_API_URL = `${s.url}/x`
 */
export async function startSocialStandin(): Promise<SocialStandin> {
  const tokens = new Map<string, string>();
  const faults = new Map<string, "500-once" | "401">();
  const calls: StandinCall[] = [];
  let seq = 1000;
  const key = (network: string, target: string) => `${network}|${target}`;
  const register = (network: Network, target: string, token: string) => void tokens.set(key(network, target), token);

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://standin");
    const raw = await new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (c) => (text += c)).on("end", () => resolve(text));
    });
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
    try {
      if (req.method === "GET" && url.pathname === "/calls") {
        const target = url.searchParams.get("target");
        return send(200, { calls: calls.filter((c) => target === null || c.target === target) });
      }
      if (req.method === "POST" && url.pathname === "/accounts") {
        const b = JSON.parse(raw) as { network: Network; target: string; token: string };
        register(b.network, b.target, b.token);
        return send(200, { ok: true });
      }
      if (req.method === "POST" && url.pathname === "/fail") {
        const b = JSON.parse(raw) as { network: Network; target: string; mode: "500-once" | "401" | null };
        if (b.mode) faults.set(key(b.network, b.target), b.mode);
        else faults.delete(key(b.network, b.target));
        return send(200, { ok: true });
      }
      let network: Network;
      let target: string;
      let token: string | null;
      let body: Record<string, unknown>;
      const bearer = (req.headers.authorization ?? "").match(/^Bearer (.+)$/)?.[1] ?? null;
      const fb = url.pathname.match(/^\/facebook\/(\d+)\/feed$/);
      if (req.method === "POST" && fb) {
        network = "facebook";
        target = fb[1]!;
        body = Object.fromEntries(new URLSearchParams(raw));
        token = typeof body.access_token === "string" ? body.access_token : null;
      } else if (req.method === "POST" && url.pathname === "/linkedin/rest/posts") {
        network = "linkedin";
        body = JSON.parse(raw) as Record<string, unknown>;
        target = String(body.author ?? "");
        token = bearer;
      } else if (req.method === "POST" && url.pathname === "/x/2/tweets") {
        network = "x";
        body = JSON.parse(raw) as Record<string, unknown>;
        // An X token is a user's: the user it belongs to is the target it was registered for.
        target = [...tokens.entries()].find(([k, t]) => k.startsWith("x|") && t === bearer)?.[0].slice(2) ?? "";
        token = bearer;
      } else return send(404, { error: "no such endpoint" });

      const call: StandinCall = { network, target, token, headers: flat(req.headers), body, status: 0, at: Date.now() };
      calls.push(call);
      const answer = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        call.status = status;
        send(status, value, headers);
      };
      const fault = faults.get(key(network, target));
      if (fault === "500-once") {
        faults.delete(key(network, target));
        return answer(500, network === "facebook" ? { error: { message: "An unknown error has occurred.", type: "OAuthException", code: 1, is_transient: true } } : { message: "Internal Server Error" });
      }
      if (fault === "401") return answer(EXPIRED[network].status, EXPIRED[network].body);
      const right = tokens.get(key(network, target));
      if (!right || right !== token) return answer(WRONG[network].status, WRONG[network].body);
      const id = String(++seq);
      if (network === "facebook") return answer(200, { id: `${target}_${id}` });
      if (network === "linkedin") {
        if (!req.headers["linkedin-version"]) return answer(426, { status: 426, code: "NONEXISTENT_VERSION", message: "A version must be present" });
        return answer(201, null, { "x-restli-id": `urn:li:share:${id}` });
      }
      const text = String(body.text ?? "");
      if (xLength(text) > 280) return answer(400, { title: "Invalid Request", detail: "Your Tweet text is too long.", type: "https://api.twitter.com/2/problems/invalid-request" });
      return answer(201, { data: { id, text, edit_history_tweet_ids: [id] } });
    } catch (err) {
      send(500, { error: String(err) });
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    register,
    calls: (target) => calls.filter((c) => target === undefined || c.target === target),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
