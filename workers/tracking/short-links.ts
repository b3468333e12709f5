/**
 * The short links of SMS campaigns (B10, S9): `GET /s/:code` answers 302 to the URL stored when
 * the message was written (workers/sms/campaign-batch.ts) and records a `click` for the campaign
 * and contact off the response path (record.ts: same waitUntil and batching as email clicks).
 * The target is only ever a stored http(s) URL, never anything from the request: an unknown or
 * malformed code gets a 404 page in Spanish, never an open redirect.
 */
import { Hono } from "hono";
import { isShortLinkCode } from "../../shared/sms/links";
import { renderMessage } from "../../shared/forms/page";
import { record } from "./record";

const NO_STORE = "no-store, no-cache, must-revalidate, private";
const unknownLink = () => renderMessage("Enlace no válido", "Este enlace no existe o está incompleto. Ábralo de nuevo desde el mensaje de texto.");

export const shortLinks = new Hono<{ Bindings: Env }>().get("/s/:code", async (c) => {
  const code = c.req.param("code");
  if (!isShortLinkCode(code)) return c.html(unknownLink(), 404);
  const link = await c.env.DB.prepare("SELECT campaign_id, contact_id, url FROM short_links WHERE code = ?").bind(code).first<{ campaign_id: string | null; contact_id: number | null; url: string }>();
  if (!link || !/^https?:\/\//i.test(link.url) || !URL.canParse(link.url)) return c.html(unknownLink(), 404);
  if (link.campaign_id !== null && link.contact_id !== null) record(c, "click", { claims: { kind: "click", campaignId: link.campaign_id, contactId: link.contact_id, url: link.url } }, { url: link.url });
  c.header("Cache-Control", NO_STORE);
  // Percent-encoded (a header is ASCII): "…?año=2027" goes out as "…?a%C3%B1o=2027".
  return c.redirect(new URL(link.url).href, 302);
});
