/**
 * TXT lookups over DNS-over-HTTPS JSON (application/dns-json), in the style of the MX resolver
 * in shared/audience/dns.ts and at the same endpoint (env DOH_URL, Cloudflare's by default).
 * A TXT record is one or more strings of up to 255 bytes; resolvers show them quoted and
 * separated by spaces (Cloudflare: `"v=DKIM1; k=rsa; p=MIIB…" "…IDAQAB"`) or already joined
 * (Google), so `txtText` accepts both and joins them, as RFC 7208 §3.3 and RFC 6376 §3.6.2.2
 * say verifiers must. The fetch is injected: tests answer from a local server or a table.
 */
import type { TxtAnswer } from "./domain-checks";

export const DEFAULT_DOH_URL = "https://cloudflare-dns.com/dns-query";
const TYPE_TXT = 16;

/** A TXT resolver the Worker uses over DoH and tests may replace. */
export interface TxtResolver {
  txt(name: string): Promise<TxtAnswer>;
}

/**
 * DoH TXT lookups: NOERROR gives the TXT records (none is an empty list), NXDOMAIN is
 * nxdomain, and SERVFAIL, a timeout, an HTTP error or a reply that is not DoH JSON is error.
 * @example await new DohTxtResolver({ endpoint: env.DOH_URL }).txt("_dmarc.muni.gob.pe") // { status: "ok", records: ["v=DMARC1; p=none"] }
 */
export class DohTxtResolver implements TxtResolver {
  private readonly endpoint: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: { endpoint?: string; fetchFn?: typeof fetch; timeoutMs?: number } = {}) {
    this.endpoint = opts.endpoint || DEFAULT_DOH_URL;
    // Wrapped, not stored bare: Workers throw "Illegal invocation" for a detached global fetch.
    this.fetchFn = opts.fetchFn ?? ((input, init) => fetch(input, init));
    this.timeoutMs = opts.timeoutMs ?? 5_000;
  }

  async txt(name: string): Promise<TxtAnswer> {
    const url = `${this.endpoint}?name=${encodeURIComponent(name.toLowerCase().replace(/\.$/, ""))}&type=TXT`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await this.fetchFn(url, { headers: { accept: "application/dns-json" }, signal: controller.signal });
      if (!res.ok) return { status: "error" };
      return readReply(await res.json());
    } catch {
      return { status: "error" };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A DoH JSON reply read defensively: it comes from the network. */
function readReply(body: unknown): TxtAnswer {
  if (typeof body !== "object" || body === null) return { status: "error" };
  const { Status, Answer } = body as { Status?: unknown; Answer?: unknown };
  if (Status === 3) return { status: "nxdomain" };
  if (Status !== 0) return { status: "error" };
  const records: string[] = [];
  // The answer may hold the CNAME chain that led to the TXT records; only TXT counts.
  for (const a of Array.isArray(Answer) ? (Answer as { type?: unknown; data?: unknown }[]) : []) {
    if (a.type === TYPE_TXT && typeof a.data === "string") records.push(txtText(a.data));
  }
  return { status: "ok", records };
}

/**
 * The text of one TXT record as a DoH server shows it: quoted strings (with `\"`, `\\` and
 * `\DDD` escapes) joined without separators, or the data as is when it is not quoted.
 * @example txtText('"v=DKIM1; k=rsa; p=MIIBIjAN" "BgkqhkiG9w0B"') // "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0B"
 */
export function txtText(data: string): string {
  const s = data.trim();
  if (!s.startsWith('"')) return s;
  const bytes: number[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '"') {
      i++; // the spaces between strings
      continue;
    }
    for (i++; i < s.length && s[i] !== '"'; i++) {
      if (s[i] === "\\" && /^\d{3}$/.test(s.slice(i + 1, i + 4))) {
        bytes.push(Number(s.slice(i + 1, i + 4)));
        i += 3;
      } else {
        if (s[i] === "\\") i++;
        bytes.push(...new TextEncoder().encode(s[i] ?? ""));
      }
    }
    i++;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
