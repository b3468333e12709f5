/**
 * The web version of a campaign (`/v/:token`): the HTML the recipient got, merge fields filled
 * for them, links pointing straight at their targets and no open pixel. The unsubscribe and
 * web-version system fields get the recipient's own signed links. Once the campaign is published
 * in the account's archive (W6), the share fields point at its public page and a share bar tops
 * the page; before, they point at the campaign's contact-free public address (`/v/p/…`). Never
 * at this page, which carries the recipient's data and opt-out link.
 */
import { compileTemplate, renderTemplate, systemFields } from "../../shared/email/merge";
import { signToken } from "../../shared/email/links";
import { variantSource, type Variant } from "../../shared/campaigns/ab";
import type { Person } from "../email/render";
import { shareTarget } from "../archive/share-target";
import { shareBar } from "../../shared/archive/campaign-page";

type Row = Person & { html: string; subject: string; text: string; ab: string | null; variant: string | null; sent_at: number | null };

/** The recipient's copy of the campaign as a page, or null when the campaign or contact is gone. */
export async function webVersion(env: Env, key: CryptoKey, campaignId: string, contactId: number): Promise<string | null> {
  const r = await env.DB.prepare(
    `SELECT k.html, k.subject, k.text, k.ab, d.variant, d.sent_at, c.id AS contact_id, c.email, c.first_name, c.last_name, c.position, c.company, c.phone, c.fields
     FROM campaigns k JOIN contacts c ON c.id = ?2 AND c.account_id = k.account_id LEFT JOIN deliveries d ON d.campaign_id = k.id AND d.contact_id = c.id
     WHERE k.id = ?1`,
  )
    .bind(campaignId, contactId)
    .first<Row>();
  if (!r) return null;
  const source = variantSource(r, r.variant as Variant | null);
  const compiled = compileTemplate(source.html);
  if (!compiled.ok) return null;
  const baseUrl = (env.PUBLIC_URL || "http://127.0.0.1:8787").replace(/\/$/, "");
  const claims = { campaignId, contactId };
  const [unsubscribe, view, share] = await Promise.all([signToken(key, { kind: "unsubscribe", ...claims }), signToken(key, { kind: "view", ...claims }), shareTarget(env, key, campaignId, baseUrl)]);
  const standard = { firstName: null, lastName: null, position: null, company: null, email: null, phone: null };
  // The share title is the subject as the public sees it, never with this recipient's name in it.
  const subject = compileTemplate(source.subject);
  const title = subject.ok ? renderTemplate(subject.template, { standard, custom: {}, system: {} }, "text").trim() : source.subject;
  const html = renderTemplate(
    compiled.template,
    {
      standard: { firstName: r.first_name, lastName: r.last_name, position: r.position, company: r.company, email: r.email, phone: r.phone },
      custom: JSON.parse(r.fields) as Record<string, unknown>,
      system: systemFields({ unsubscribeUrl: `${baseUrl}/u/${unsubscribe}`, webUrl: `${baseUrl}/v/${view}`, now: new Date(r.sent_at ?? Date.now()), share: { url: share.url, title } }),
    },
    "html",
  );
  const published = share.published;
  if (!published) return html;
  const bar = shareBar({ url: published.url, title, archiveUrl: published.archiveUrl, archiveTitle: published.archiveTitle });
  return /<body\b[^>]*>/i.test(html) ? html.replace(/<body\b[^>]*>/i, (m) => `${m}${bar}`) : `${bar}${html}`;
}
