/**
 * Which URLs the platform may call on a user's behalf (webhooks, SMS keyword and automation
 * webhooks, SMS provider connections): server-side request forgery is closed by refusing
 * targets inside a network. Always refused: link-local addresses (169.254/16 — where cloud
 * metadata services live — and fe80::/10), "this network" (0/8, ::), multicast and broadcast.
 * Refused unless private targets are allowed (local development and tests only): loopback,
 * RFC 1918 and carrier-grade NAT ranges, IPv6 unique-local, IPv4-mapped forms of those,
 * `localhost` and names that only resolve inside a network (.local, .internal, .lan,
 * .home.arpa, single labels). Numeric tricks (http://2130706433/, http://0x7f.1/) are already
 * turned into dotted quads by the URL parser, so they meet the same rules.
 */

type V4Range = [a: number, b: number, c: number, d: number, bits: number];

const ALWAYS_V4: V4Range[] = [[0, 0, 0, 0, 8], [169, 254, 0, 0, 16], [224, 0, 0, 0, 4], [240, 0, 0, 0, 4]];
const PRIVATE_V4: V4Range[] = [[127, 0, 0, 0, 8], [10, 0, 0, 0, 8], [172, 16, 0, 0, 12], [192, 168, 0, 0, 16], [100, 64, 0, 0, 10], [198, 18, 0, 0, 15]];
const INTERNAL_SUFFIXES = [".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet"];

function v4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function inV4(ip: number, ranges: V4Range[]): boolean {
  return ranges.some(([a, b, c, d, bits]) => {
    const base = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return ((ip & mask) >>> 0) === ((base & mask) >>> 0);
  });
}

/** The 8 groups of an IPv6 literal (without brackets), or null. */
function v6(host: string): number[] | null {
  if (!host.includes(":")) return null;
  let h = host;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (tail) {
    const n = v4(tail[1]!);
    if (n === null) return null;
    h = `${h.slice(0, -tail[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = h.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const fill = h.includes("::") ? 8 - left.length - right.length : 0;
  const groups = [...left, ...Array<string>(Math.max(0, fill)).fill("0"), ...right].map((g) => parseInt(g || "0", 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/**
 * Why `raw` may not be called, or null when it may.
 * @example targetProblem("http://169.254.169.254/latest/meta-data", true) // "points at a link-local address (…)"
 * @example targetProblem("http://127.0.0.1:9000/hook", false) // "points at a loopback or private address …"
 * @example targetProblem("https://crm.gob.pe/hook", false) // null
 */
export function targetProblem(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http(s) URL";
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  const privateProblem = "points at a loopback or private address, which only local development may call";
  const ip4 = v4(host);
  if (ip4 !== null) {
    if (inV4(ip4, ALWAYS_V4)) return "points at a link-local, multicast or reserved address (never called)";
    if (inV4(ip4, PRIVATE_V4)) return allowPrivate ? null : privateProblem;
    return null;
  }
  const ip6 = v6(host);
  if (ip6 !== null) {
    const [g0] = ip6 as [number];
    const mapped = ip6.slice(0, 5).every((g) => g === 0) && ip6[5] === 0xffff;
    if (mapped) return targetProblem(`http://${ip6[6]! >> 8}.${ip6[6]! & 255}.${ip6[7]! >> 8}.${ip6[7]! & 255}/`, allowPrivate);
    if (ip6.every((g) => g === 0) || (g0 & 0xffc0) === 0xfe80 || (g0 & 0xff00) === 0xff00) return "points at a link-local, multicast or reserved address (never called)";
    const loopback = ip6.slice(0, 7).every((g) => g === 0) && ip6[7] === 1;
    if (loopback || (g0 & 0xfe00) === 0xfc00) return allowPrivate ? null : privateProblem;
    return null;
  }
  const internal = host === "localhost" || !host.includes(".") || INTERNAL_SUFFIXES.some((s) => host.endsWith(s));
  return internal && !allowPrivate ? privateProblem : null;
}
