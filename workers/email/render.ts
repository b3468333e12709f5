/**
 * Per-campaign rendering, prepared once per isolate and reused for every recipient: compiled
 * merge templates, the DKIM key (the sending domain's own, else the deployment's), the
 * link-signing key. `renderFor` builds one recipient's message: merge fields, signed click links
 * and open pixel, one-click unsubscribe, VERP return path, Message-ID, Feedback-ID, "PUBLICIDAD"
 * for commercial mail, then DKIM. The share merge fields (W6) carry the campaign's public archive
 * page when it is published, else its contact-free public address (`/v/p/…`), never the
 * recipient's own web version.
 */
import { compileTemplate, renderTemplate, systemFields, type CompiledTemplate, type MergeData } from "../../shared/email/merge";
import { buildMime } from "../../shared/email/mime";
import { importDkimKey, signDkim, type DkimKey } from "../../shared/email/dkim";
import { importLinkKey, signToken } from "../../shared/email/links";
import { compileTrackedHtml, renderTrackedHtml, type TrackedHtml } from "../../shared/email/compose";
import { subjectFor } from "../../shared/campaigns/schedule";
import { variantSource, type Variant } from "../../shared/campaigns/ab";
import type { SmtpMessage } from "./smtp";
import type { CampaignRow } from "./campaign-store";
import { openDomainKey } from "./domain-keys";
import { signingRow } from "./domain-store";
import { shareTarget } from "../archive/share-target";
import { linkSecret } from "../../shared/security/deploy-config";

export type Renderer = {
  campaign: CampaignRow;
  subject: CompiledTemplate;
  preheader: CompiledTemplate | null;
  /** The HTML with its tracked links found once (compose.ts), not searched for in every copy. */
  html: TrackedHtml;
  text: CompiledTemplate;
  dkim: DkimKey | null;
  linkKey: CryptoKey;
  baseUrl: string;
  bounceDomain: string;
  /** The public archive page of the campaign (W6), else its contact-free public address. */
  shareUrl: string;
  /** The subject without anyone's data, for the share links. */
  shareTitle: string;
};

const cache = new Map<string, Promise<Renderer>>();

function compiled(source: string): CompiledTemplate {
  const t = compileTemplate(source);
  // Templates were validated when the campaign was saved; failing here is a platform fault.
  if (!t.ok) throw new Error(`campaign template no longer compiles: ${t.error.message}`);
  return t.template;
}

/** The renderer of a campaign version and A/B variant (cached per isolate by id, last update and variant). */
export function rendererFor(env: Env, c: CampaignRow, variant?: Variant): Promise<Renderer> {
  const key = `${c.id}:${c.updated_at}:${variant ?? ""}`;
  let r = cache.get(key);
  if (!r) {
    r = (async () => {
      const domain = c.from_address.split("@")[1]!;
      const baseUrl = (env.PUBLIC_URL || "http://127.0.0.1:8787").replace(/\/$/, "");
      // An A/B test's version B has its own subject or content (B3).
      const src = variantSource(c, variant);
      const html = compileTrackedHtml(src.html, baseUrl);
      if (!html.ok) throw new Error(`campaign template no longer compiles: ${html.error.message}`);
      const linkKey = await importLinkKey(linkSecret(env));
      const [dkim, share] = await Promise.all([dkimKeyFor(env, c.account_id, domain), shareTarget(env, linkKey, c.id, baseUrl)]);
      const subject = compiled(subjectFor(src.subject, c.commercial === 1));
      return {
        campaign: c,
        subject,
        preheader: c.preheader ? compiled(c.preheader) : null,
        html: html.tracked,
        text: compiled(src.text),
        dkim,
        linkKey,
        baseUrl,
        bounceDomain: env.BOUNCE_DOMAIN || domain,
        shareUrl: share.url,
        shareTitle: renderTemplate(compiled(src.subject), { standard: {}, custom: {}, system: {} }, "text").trim(),
      };
    })();
    if (cache.size > 50) cache.clear();
    cache.set(key, r);
  }
  return r;
}

/**
 * The key a campaign from `domain` is signed with: the account's own sending-domain key (d= the
 * domain, its selector) when it added the domain, else the deployment's DKIM_PRIVATE_KEY, else none.
 */
async function dkimKeyFor(env: Env, accountId: string, domain: string): Promise<DkimKey | null> {
  const own = await signingRow(env.DB, accountId, domain);
  if (own) return openDomainKey(env, accountId, domain, own.selector, own.private_key);
  if (!env.DKIM_PRIVATE_KEY) return null;
  return importDkimKey(env.DKIM_PRIVATE_KEY, (env.DKIM_ALGORITHM as "rsa-sha256" | undefined) ?? "rsa-sha256", env.DKIM_DOMAIN || domain, env.DKIM_SELECTOR || "pregon");
}

export type Person = { contact_id: number; email: string; first_name: string | null; last_name: string | null; position: string | null; company: string | null; phone: string | null; fields: string };

export async function renderFor(r: Renderer, p: Person): Promise<SmtpMessage & { messageId: string }> {
  const c = r.campaign;
  const claims = { campaignId: c.id, contactId: p.contact_id };
  const [unsubscribe, view, verpMac] = await Promise.all([
    signToken(r.linkKey, { kind: "unsubscribe", ...claims }),
    signToken(r.linkKey, { kind: "view", ...claims }),
    crypto.subtle.sign("HMAC", r.linkKey, new TextEncoder().encode(`verp:${c.id}:${p.contact_id}`)),
  ]);
  const unsubscribeUrl = `${r.baseUrl}/u/${unsubscribe}`;
  const webUrl = `${r.baseUrl}/v/${view}`;
  const now = new Date();
  const data: MergeData = {
    standard: { firstName: p.first_name, lastName: p.last_name, position: p.position, company: p.company, email: p.email, phone: p.phone },
    custom: JSON.parse(p.fields) as Record<string, unknown>,
    system: systemFields({ unsubscribeUrl, webUrl, now, share: { url: r.shareUrl, title: r.shareTitle } }),
  };
  // The same as rewriteLinks(renderTemplate(html)) (tests/unit/email-links.test.ts), by concatenation.
  const html = await renderTrackedHtml(r.html, data, r.linkKey, { baseUrl: r.baseUrl, ...claims });
  const messageId = `<${c.id}.${p.contact_id}.${now.getTime().toString(36)}@${r.bounceDomain}>`;
  // VERP: campaign, contact and a short MAC in a local part well under RFC 5321's 64 octets.
  const mac = [...new Uint8Array(verpMac).slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const verp = `b-${c.id.slice(0, 8)}-${p.contact_id.toString(36)}-${mac}@${r.bounceDomain}`;
  const mime = buildMime({
    from: { name: c.from_name, address: c.from_address },
    to: p.email,
    replyTo: c.reply_to,
    subject: renderTemplate(r.subject, data, "text"),
    preheader: r.preheader ? renderTemplate(r.preheader, data, "text") : null,
    html: html.html,
    text: renderTemplate(r.text, data, "text"),
    messageId,
    date: now,
    returnPath: verp,
    listUnsubscribe: { url: unsubscribeUrl, mailto: null },
    feedbackId: `${c.id}:${c.account_id}:pregon`,
    headers: { "X-Pregon-Campaign": c.id },
  });
  const signature = r.dkim ? await signDkim(mime.headers, mime.body, r.dkim, now) : "";
  return { id: String(p.contact_id), mailFrom: verp, rcptTo: p.email, data: `${signature}${mime.headers}\r\n\r\n${mime.body}`, messageId };
}
