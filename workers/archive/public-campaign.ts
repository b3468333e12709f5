/**
 * A campaign's contact-free public address, `/v/p/<token>` (W6): where share links point while
 * the campaign is not in the public archive. The page is the archive's campaign page (the
 * campaign rendered without a contact: blank fields, the template's defaults, no open pixel, no
 * click token, the opt-out link going nowhere) without the link back, and `noindex`, since it is
 * not in the archive. Once the campaign is published in an enabled archive, the address
 * redirects there. A forged or altered token, an unknown campaign or an SMS one is the archive's
 * 404 page. Nothing is recorded: reading it counts for nobody.
 */
import { Hono } from "hono";
import { notFoundHtml } from "../../shared/archive/pages";
import { campaignPageHtml } from "../../shared/archive/campaign-page";
import { publicCopy } from "../../shared/archive/render";
import { publicCampaignUrl, verifyCampaignToken } from "../../shared/archive/public-link";
import { linkKey } from "../tracking/record";
import { PAGE_CSP } from "./public";
import { campaignPublicUrl, publicBase, shareableCampaign } from "./store";

type App = { Bindings: Env };

export const publicCampaign = new Hono<App>().get("/v/p/:token", async (c) => {
  const token = c.req.param("token");
  const id = await verifyCampaignToken(await linkKey(c.env), token);
  const row = id === null ? null : await shareableCampaign(c.env.DB, id);
  if (!row) return c.html(notFoundHtml(), 404, { "Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-store" });
  const published = await campaignPublicUrl(c.env, row.id);
  // Temporary: the campaign may be withdrawn from the archive again.
  if (published) return c.redirect(published.url, 302);
  const url = publicCampaignUrl(publicBase(c.env, c.req.url), token);
  const copy = publicCopy(row, url);
  const html = campaignPageHtml(copy.html, { title: copy.title, description: copy.summary, url, image: copy.image, siteName: row.from_name, publishedAt: row.sent_at, noindex: true });
  return c.html(html, 200, { "Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache", "X-Robots-Tag": "noindex" });
});
