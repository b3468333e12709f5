/**
 * Whether an email domain can receive mail, asked of DNS once per domain (not per address) and
 * cached by the caller for the answer's TTL. The Worker has no raw DNS, so production asks a
 * DNS-over-HTTPS JSON endpoint through `fetch`; the resolver is an interface so tests and other
 * runtimes can answer from a table. Nothing here keeps state or reads a clock.
 */
import type { Reason } from "./verdict";

export type MxStatus = "ok" | "null_mx" | "no_mx" | "nxdomain" | "error";
export type MxResult = { status: MxStatus; ttlSeconds: number };

/** A resolver the Worker uses in production (DNS-over-HTTPS) and tests replace with a local one. */
export interface MxResolver {
  lookup(domain: string): Promise<MxResult>;
}

const MIN_TTL = 300;
const MAX_TTL = 86_400;
/** How long "no mail here" is believed; RFC 2308 lets us pick, and domains do get fixed. */
const NEGATIVE_TTL = 3_600;
/** Failures are retried soon: a SERVFAIL says nothing about the domain. */
const ERROR_TTL = MIN_TTL;
const DAY_MS = 86_400_000;

const TYPE_A = 1;
const TYPE_MX = 15;
const TYPE_AAAA = 28;

type DohAnswer = { type?: unknown; TTL?: unknown; data?: unknown };
type DohReply = { Status?: unknown; Answer?: unknown };
type Records = { rcode: number; records: { type: number; ttl: number; data: string }[] };

/**
 * DNS-over-HTTPS JSON API (application/dns-json), Cloudflare's by default. An MX answer of only
 * "0 ." is a null MX (RFC 7505); no MX but an A or AAAA is an implicit MX (RFC 5321 §5.1);
 * NXDOMAIN is nxdomain; SERVFAIL, a timeout or an HTTP error is error. The TTL is the smallest
 * in the answer, clamped to [300, 86400]; negative answers are kept for an hour.
 * @example await new DohResolver({ fetchFn }).lookup("gmail.com") // { status: "ok", ttlSeconds: 3600 }
 */
export class DohResolver implements MxResolver {
  private readonly endpoint: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: { endpoint?: string; fetchFn?: typeof fetch; timeoutMs?: number } = {}) {
    this.endpoint = opts.endpoint ?? "https://cloudflare-dns.com/dns-query";
    // Wrapped, not stored bare: Workers throw "Illegal invocation" for a detached global fetch.
    this.fetchFn = opts.fetchFn ?? ((input, init) => fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? 5_000;
  }

  async lookup(domain: string): Promise<MxResult> {
    const name = domain.toLowerCase().replace(/\.$/, "");
    const mx = await this.query(name, "MX");
    if (mx === null || !answered(mx)) return { status: "error", ttlSeconds: ERROR_TTL };
    if (mx.rcode === 3) return { status: "nxdomain", ttlSeconds: NEGATIVE_TTL };
    const exchanges = mx.records.filter((r) => r.type === TYPE_MX);
    if (exchanges.length > 0) {
      // A null MX mixed with real ones is a misconfiguration; the real ones still take mail.
      const real = exchanges.filter((r) => !isNullExchange(r.data));
      if (real.length === 0) return { status: "null_mx", ttlSeconds: NEGATIVE_TTL };
      return { status: "ok", ttlSeconds: clampTtl(real) };
    }
    const [a, aaaa] = await Promise.all([this.query(name, "A"), this.query(name, "AAAA")]);
    const hosts = [...(a?.records ?? []), ...(aaaa?.records ?? [])].filter(
      (r) => r.type === TYPE_A || r.type === TYPE_AAAA,
    );
    if (hosts.length > 0) return { status: "ok", ttlSeconds: clampTtl(hosts) };
    // Only call it "no mail" when both lookups really answered; otherwise we do not know.
    if (!answered(a) || !answered(aaaa)) return { status: "error", ttlSeconds: ERROR_TTL };
    return { status: "no_mx", ttlSeconds: NEGATIVE_TTL };
  }

  /** One DoH query; null on timeout, network or HTTP error, or a reply that is not DoH JSON. */
  private async query(name: string, type: "MX" | "A" | "AAAA"): Promise<Records | null> {
    const url = `${this.endpoint}?name=${encodeURIComponent(name)}&type=${type}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await this.fetchFn(url, {
        headers: { accept: "application/dns-json" },
        signal: controller.signal,
      });
      if (!res.ok) return null;
      return parseReply(await res.json());
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Read a DoH JSON reply defensively: it comes from the network. */
function parseReply(body: unknown): Records | null {
  if (typeof body !== "object" || body === null) return null;
  const { Status, Answer } = body as DohReply;
  if (typeof Status !== "number") return null;
  const records: Records["records"] = [];
  if (Array.isArray(Answer)) {
    for (const ans of Answer as DohAnswer[]) {
      if (typeof ans.type === "number" && typeof ans.TTL === "number" && typeof ans.data === "string") {
        records.push({ type: ans.type, ttl: ans.TTL, data: ans.data });
      }
    }
  }
  return { rcode: Status, records };
}

/** Whether DNS gave an authoritative answer (NOERROR or NXDOMAIN), as opposed to failing. */
function answered(reply: Records | null): boolean {
  return reply !== null && (reply.rcode === 0 || reply.rcode === 3);
}

/** "0 ." — preference, then the root as exchange (RFC 7505). */
function isNullExchange(data: string): boolean {
  const exchange = data.trim().split(/\s+/)[1];
  return exchange === "." || exchange === "";
}

function clampTtl(records: readonly { ttl: number }[]): number {
  const min = Math.min(...records.map((r) => r.ttl));
  return Math.min(MAX_TTL, Math.max(MIN_TTL, min));
}

/**
 * Reasons for an MX status: null_mx → mx_null, no_mx → mx_none, nxdomain → domain_missing (all
 * invalid), error → dns_unknown (risky), ok → none.
 * @example mxReasons("nxdomain") // ["domain_missing"]
 */
export function mxReasons(status: MxStatus): Reason[] {
  switch (status) {
    case "ok":
      return [];
    case "null_mx":
      return ["mx_null"];
    case "no_mx":
      return ["mx_none"];
    case "nxdomain":
      return ["domain_missing"];
    case "error":
      return ["dns_unknown"];
  }
}

/**
 * Whether a cached result checked at `checkedAt` (ms) is stale at `now` (ms): at least its TTL
 * old, or at least `maxAgeMs` (24 h) old, whichever comes first.
 * @example isStale(0, 300, 300_000) // true
 * @example isStale(0, 3600, 300_000) // false
 */
export function isStale(checkedAt: number, ttlSeconds: number, now: number, maxAgeMs = DAY_MS): boolean {
  return now - checkedAt >= Math.min(ttlSeconds * 1000, maxAgeMs);
}
