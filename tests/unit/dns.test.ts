// DohResolver against canned DNS-over-HTTPS JSON replies (no network), mxReasons and isStale.
import { describe, expect, it } from "vitest";
import { DohResolver, isStale, mxReasons } from "../../shared/audience/dns";

type Reply = { status?: number; body: unknown } | "throw" | "hang";
type Call = { url: string; accept: string | null };

/** A fetch that answers each query type from `replies` and records what it was asked. */
function fakeDoh(replies: Partial<Record<"MX" | "A" | "AAAA", Reply>>) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url: url.toString(), accept: new Headers(init?.headers).get("accept") });
    const reply = replies[url.searchParams.get("type") as "MX" | "A" | "AAAA"] ?? { body: { Status: 0 } };
    if (reply === "throw") throw new TypeError("network down");
    if (reply === "hang") {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))));
    }
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status ?? 200, headers: { "content-type": "application/dns-json" } });
  }) as typeof fetch;
  return { resolver: new DohResolver({ fetchFn, timeoutMs: 50 }), calls };
}

const mx = (name: string, ttl: number, data: string) => ({ name: `${name}.`, type: 15, TTL: ttl, data });

describe("DohResolver", () => {
  it("finds Gmail's MX and keeps its TTL", async () => {
    const { resolver, calls } = fakeDoh({
      MX: { body: { Status: 0, Answer: [mx("gmail.com", 3600, "5 gmail-smtp-in.l.google.com.")] } },
    });
    expect(await resolver.lookup("gmail.com")).toEqual({ status: "ok", ttlSeconds: 3600 });
    expect(calls).toEqual([{ url: "https://cloudflare-dns.com/dns-query?name=gmail.com&type=MX", accept: "application/dns-json" }]);
  });
  it("queries the lower-case name without its root dot, at a custom endpoint", async () => {
    const calls: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return Response.json({ Status: 0, Answer: [mx("sunat.gob.pe", 600, "10 mail.sunat.gob.pe.")] });
    }) as typeof fetch;
    const resolver = new DohResolver({ endpoint: "https://dns.example/resolve", fetchFn });
    expect(await resolver.lookup("SUNAT.gob.pe.")).toEqual({ status: "ok", ttlSeconds: 600 });
    expect(calls).toEqual(["https://dns.example/resolve?name=sunat.gob.pe&type=MX"]);
  });
  it("takes the smallest TTL, clamped to [300, 86400]", async () => {
    const low = fakeDoh({ MX: { body: { Status: 0, Answer: [mx("x.pe", 7200, "10 a.x.pe."), mx("x.pe", 60, "20 b.x.pe.")] } } });
    expect(await low.resolver.lookup("x.pe")).toEqual({ status: "ok", ttlSeconds: 300 });
    const high = fakeDoh({ MX: { body: { Status: 0, Answer: [mx("x.pe", 604800, "10 a.x.pe.")] } } });
    expect(await high.resolver.lookup("x.pe")).toEqual({ status: "ok", ttlSeconds: 86400 });
  });
  it("follows a CNAME in the answer to the MX records", async () => {
    const cname = { name: "www.x.pe.", type: 5, TTL: 900, data: "x.pe." };
    const { resolver } = fakeDoh({ MX: { body: { Status: 0, Answer: [cname, mx("x.pe", 1800, "10 mx.x.pe.")] } } });
    expect(await resolver.lookup("www.x.pe")).toEqual({ status: "ok", ttlSeconds: 1800 });
  });
  it("reads a lone '0 .' as a null MX (RFC 7505), but not when real MX records sit beside it", async () => {
    const nullOnly = fakeDoh({ MX: { body: { Status: 0, Answer: [mx("example.com", 86400, "0 .")] } } });
    expect(await nullOnly.resolver.lookup("example.com")).toEqual({ status: "null_mx", ttlSeconds: 3600 });
    const mixed = fakeDoh({ MX: { body: { Status: 0, Answer: [mx("x.pe", 900, "0 ."), mx("x.pe", 900, "10 mx.x.pe.")] } } });
    expect(await mixed.resolver.lookup("x.pe")).toEqual({ status: "ok", ttlSeconds: 900 });
  });
  it("falls back to A or AAAA as an implicit MX (RFC 5321 §5.1)", async () => {
    const soa = { Status: 0, Authority: [{ name: "x.pe.", type: 6, TTL: 900, data: "ns.x.pe. hostmaster.x.pe. 1 2 3 4 5" }] };
    const a = fakeDoh({ MX: { body: soa }, A: { body: { Status: 0, Answer: [{ name: "x.pe.", type: 1, TTL: 600, data: "190.12.1.1" }] } } });
    expect(await a.resolver.lookup("x.pe")).toEqual({ status: "ok", ttlSeconds: 600 });
    expect(a.calls.map((c) => new URL(c.url).searchParams.get("type")).sort()).toEqual(["A", "AAAA", "MX"]);
    const v6 = fakeDoh({ MX: { body: soa }, AAAA: { body: { Status: 0, Answer: [{ name: "x.pe.", type: 28, TTL: 1200, data: "2001:db8::1" }] } } });
    expect(await v6.resolver.lookup("x.pe")).toEqual({ status: "ok", ttlSeconds: 1200 });
  });
  it("says no_mx when the name exists but has neither MX nor address", async () => {
    const { resolver } = fakeDoh({ MX: { body: { Status: 0 } }, A: { body: { Status: 0 } }, AAAA: { body: { Status: 0 } } });
    expect(await resolver.lookup("x.pe")).toEqual({ status: "no_mx", ttlSeconds: 3600 });
  });
  it("says nxdomain for NXDOMAIN", async () => {
    const { resolver, calls } = fakeDoh({ MX: { body: { Status: 3 } } });
    expect(await resolver.lookup("no-existe-123.pe")).toEqual({ status: "nxdomain", ttlSeconds: 3600 });
    expect(calls).toHaveLength(1);
  });
  it.each<[string, Partial<Record<"MX" | "A" | "AAAA", Reply>>]>([
    ["SERVFAIL", { MX: { body: { Status: 2 } } }],
    ["REFUSED", { MX: { body: { Status: 5 } } }],
    ["HTTP 503", { MX: { status: 503, body: "unavailable" } }],
    ["a network error", { MX: "throw" }],
    ["a timeout", { MX: "hang" }],
    ["a body that is not JSON", { MX: { body: "<html>" } }],
    ["JSON without Status", { MX: { body: { Answer: [] } } }],
    ["SERVFAIL on the A fallback", { MX: { body: { Status: 0 } }, A: { body: { Status: 2 } } }],
    ["a timeout on the AAAA fallback", { MX: { body: { Status: 0 } }, AAAA: "hang" }],
  ])("says error, retried in 5 min, on %s", async (_, replies) => {
    const { resolver } = fakeDoh(replies);
    expect(await resolver.lookup("x.pe")).toEqual({ status: "error", ttlSeconds: 300 });
  });
});

describe("mxReasons", () => {
  it("maps each status to its reasons", () => {
    expect(mxReasons("ok")).toEqual([]);
    expect(mxReasons("null_mx")).toEqual(["mx_null"]);
    expect(mxReasons("no_mx")).toEqual(["mx_none"]);
    expect(mxReasons("nxdomain")).toEqual(["domain_missing"]);
    expect(mxReasons("error")).toEqual(["dns_unknown"]);
  });
});

describe("isStale", () => {
  const t0 = 1_700_000_000_000;
  it("expires at the TTL", () => {
    expect(isStale(t0, 300, t0 + 299_999)).toBe(false);
    expect(isStale(t0, 300, t0 + 300_000)).toBe(true);
  });
  it("expires at 24 h even when the TTL is longer, or at a given max age", () => {
    expect(isStale(t0, 172_800, t0 + 86_399_999)).toBe(false);
    expect(isStale(t0, 172_800, t0 + 86_400_000)).toBe(true);
    expect(isStale(t0, 3600, t0 + 60_000, 60_000)).toBe(true);
    expect(isStale(t0, 3600, t0 + 59_999, 60_000)).toBe(false);
  });
});
