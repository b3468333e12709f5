/**
 * Recording for the recipient endpoints, off the response path: the token check, the IP throttle,
 * the IP hash and the Queue send (batched per isolate, buffer.ts) all run inside `waitUntil`,
 * after the answer is on its way.
 * Test sends (contact 0) are never recorded; a bad token records nothing.
 */
import type { Context } from "hono";
import { importLinkKey, verifyToken, type LinkClaims, type LinkKind } from "../../shared/email/links";
import type { EventKind, TrackEvent } from "../../shared/events/types";
import { enqueueEvent } from "./buffer";
import { machineRule } from "../../shared/events/machine";
import { ipThrottle } from "../../shared/events/ip-throttle";
import { clientIp } from "../api/authn";
import { isOverLimit } from "../security/rate-limit";
import { linkSecret } from "../../shared/security/deploy-config";

/**
 * Fetches of one recipient's pixel recorded per IP and minute in one isolate; beyond it the GIF
 * is still served. Keyed by IP *and* recipient: an image proxy (Gmail's, Apple's) fetches
 * thousands of different recipients' pixels from a few addresses, and every one of those is real.
 */
export const PIXEL_LIMIT_PER_MINUTE = 30;
const pixelThrottle = ipThrottle(PIXEL_LIMIT_PER_MINUTE);

let key: { secret: string; key: Promise<CryptoKey> } | null = null;
/** The link secret; throws in a deployment whose LINK_SECRET is missing or a default (deploy-config.ts). */
const secretOf = (env: Env) => linkSecret(env);

/** The link key, imported once per isolate (and again if the secret changes). */
export function linkKey(env: Env): Promise<CryptoKey> {
  const secret = secretOf(env);
  if (key?.secret !== secret) key = { secret, key: importLinkKey(secret) };
  return key.key;
}

/** The claims of a token of `kind`, or null for anything forged, truncated or of another kind. */
export async function claimsOf(env: Env, token: string, kind: LinkKind): Promise<LinkClaims | null> {
  const claims = await verifyToken(await linkKey(env), token);
  return claims?.kind === kind ? claims : null;
}

async function ipHash(env: Env, ip: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${secretOf(env)}|ip|${ip}`)));
  return [...hash.subarray(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

type Extra = Pick<TrackEvent, "url" | "detail">;

/**
 * Record `kind` for the request's token after the response: `token` is verified here unless
 * `claims` were already checked by the handler.
 * @example record(c, "open", { token }) // the GIF is returned at once; the open is queued later
 */
export function record(c: Context<{ Bindings: Env }>, kind: EventKind, from: { token: string; tokenKind: LinkKind } | { claims: LinkClaims }, extra: Extra = {}): void {
  const ip = clientIp(c);
  const userAgent = c.req.header("User-Agent")?.slice(0, 400) ?? "";
  const method = c.req.method;
  const at = Date.now();
  // Past the IP's recipient limit (security/rate-limit.ts) the answer goes out unrecorded.
  if (isOverLimit(c.req.raw)) return;
  const work = async () => {
    const claims = "claims" in from ? from.claims : await claimsOf(c.env, from.token, from.tokenKind);
    if (!claims || claims.contactId === 0) return;
    if (kind === "open" && !pixelThrottle.allow(`${ip}|${claims.campaignId}|${claims.contactId}`, at)) return;
    const event: TrackEvent = { id: crypto.randomUUID(), kind, accountId: "", campaignId: claims.campaignId, contactId: claims.contactId, at, userAgent, ipHash: await ipHash(c.env, ip), ...extra };
    if (kind === "open" || kind === "click") {
      // Rules the request alone can tell (HEAD, the UA, Apple's network); the consumer adds the timing ones.
      const machine = machineRule({ kind, userAgent, method, ip, at });
      if (machine) event.machine = machine;
    }
    await enqueueEvent(c.env, event);
  };
  c.executionCtx.waitUntil(work().catch((err: unknown) => console.error(`recording ${kind} failed`, err)));
}
