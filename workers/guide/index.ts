/**
 * The usage guide for sub-users (W5), public: `GET /guia` is the Spanish page and `GET /guia.pdf`
 * the same guide as a PDF (`?lang=en` for English on both). Both are rendered from
 * shared/guide/ on each request (a few milliseconds) and cached for an hour by the browser.
 */
import { Hono } from "hono";
import type { AppEnv } from "../api/context";
import { guide, type GuideLang } from "../../shared/guide/guide";
import { guideHtml } from "../../shared/guide/guide-html";
import { guidePdf } from "../../shared/guide/guide-pdf";

const langOf = (value: string | undefined): GuideLang => (value === "en" ? "en" : "es");
const CACHE = "public, max-age=3600";

export const guideRoutes = new Hono<AppEnv>()
  .get("/guia", (c) => {
    const lang = langOf(c.req.query("lang"));
    return c.html(guideHtml(guide(lang), lang === "en" ? "/guia.pdf?lang=en" : "/guia.pdf"), 200, { "Cache-Control": CACHE });
  })
  .get("/guia.pdf", async (c) => {
    const lang = langOf(c.req.query("lang"));
    const pdf = await guidePdf(guide(lang), new Date(0));
    return c.body(pdf, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${lang === "en" ? "pregon-user-guide.pdf" : "guia-de-uso-pregon.pdf"}"`,
      "Cache-Control": CACHE,
    });
  });
