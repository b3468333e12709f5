/**
 * The public archive (W6): its settings API, the publishing rules, the public pages, feeds and
 * widget (404s included), escaping of a hostile subject, automation step campaigns kept out,
 * and the share links of the web version.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { campaignRow, enableArchive, get, uniqSlug } from "./archive-helpers";
import { token } from "./tracking-helpers";

/** PUBLIC_URL of the test Worker (.dev.vars): public links are made under it. */
const BASE = "http://127.0.0.1:8787";
type Campaign = { id: string; publishedAt: string | null; publicUrl: string | null };
type Archive = { slug: string; title: string; description: string | null; enabled: boolean; stored: boolean; urls: Record<string, string> };

describe("archive settings", () => {
  it("answers defaults from the account's name until saved, then what was saved", async () => {
    const s = await seedAccount();
    const first = (await (await api("/archive", { key: s.users.admin.key })).json()) as Archive;
    expect(first).toMatchObject({ slug: "test", title: "Test", description: null, enabled: false, stored: false });
    const slug = uniqSlug();
    const res = await api("/archive", { method: "PUT", key: s.users.owner.key, body: { slug, title: "Avisos", description: "Todo", enabled: true } });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as Archive;
    expect(saved).toEqual({
      slug, title: "Avisos", description: "Todo", enabled: true, stored: true,
      urls: {
        index: `${BASE}/archivo/${slug}`, rss: `${BASE}/archivo/${slug}/rss.xml`, atom: `${BASE}/archivo/${slug}/atom.xml`,
        widget: `${BASE}/embed/${slug}/latest`, widgetScript: `${BASE}/embed/${slug}/latest.js`,
      },
    });
    expect(((await (await api("/archive", { key: s.users.owner.key })).json()) as Archive).stored).toBe(true);
  });

  it("refuses malformed slugs naming slug, and a slug of another account with 409", async () => {
    const a = await seedAccount();
    const b = await seedAccount();
    for (const slug of ["ab", "Muni", "muni_lima", "-muni", "muni-", "mu--ni", "a".repeat(41)]) {
      const res = await api("/archive", { method: "PUT", key: a.users.owner.key, body: { slug, title: "T", enabled: true } });
      expect(res.status, slug).toBe(400);
      expect((await errorOf(res)).field).toBe("slug");
    }
    const slug = uniqSlug();
    await enableArchive(a.users.owner.key, slug);
    const res = await api("/archive", { method: "PUT", key: b.users.owner.key, body: { slug, title: "Otra", enabled: true } });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "slug_taken", field: "slug" });
    // The owner may save its own slug again.
    expect((await api("/archive", { method: "PUT", key: a.users.owner.key, body: { slug, title: "Nuevo", enabled: false } })).status).toBe(200);
    const missing = await api("/archive", { method: "PUT", key: a.users.owner.key, body: { slug } });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).field).toBe("title");
  });
});

describe("publishing", () => {
  it("publishes a sent email campaign, keeps its first date, and unpublishes it", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    const id = await campaignRow(s.accountId);
    const res = await api(`/campaigns/${id}/publish`, { method: "POST", key: s.users.editor.key });
    expect(res.status).toBe(200);
    const c = (await res.json()) as Campaign;
    expect(c.publicUrl).toBe(`${BASE}/archivo/${slug}/${id}`);
    expect(Date.parse(c.publishedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const again = (await (await api(`/campaigns/${id}/publish`, { method: "POST", key: s.users.owner.key })).json()) as Campaign;
    expect(again.publishedAt).toBe(c.publishedAt);
    const got = (await (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json()) as Campaign;
    expect(got).toMatchObject({ publishedAt: c.publishedAt, publicUrl: c.publicUrl });
    const off = (await (await api(`/campaigns/${id}/publish`, { method: "DELETE", key: s.users.sender.key })).json()) as Campaign;
    expect(off).toMatchObject({ publishedAt: null, publicUrl: null });
  });

  it("gives publishedAt without publicUrl while the archive is off", async () => {
    const s = await seedAccount();
    const id = await campaignRow(s.accountId);
    const c = (await (await api(`/campaigns/${id}/publish`, { method: "POST", key: s.users.owner.key })).json()) as Campaign;
    expect(c.publishedAt).not.toBeNull();
    expect(c.publicUrl).toBeNull();
  });

  it("refuses drafts, scheduled and SMS campaigns with 409 naming why; unknown and automation campaigns are 404", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    for (const [status, startedAt] of [["draft", null], ["scheduled", null], ["cancelled", null], ["paused", null]] as const) {
      const res = await api(`/campaigns/${await campaignRow(s.accountId, { status, startedAt })}/publish`, { method: "POST", key });
      expect(res.status, status).toBe(409);
      expect(await errorOf(res), status).toMatchObject({ code: "not_sent", field: "status" });
    }
    for (const status of ["sending", "paused", "cancelled"]) {
      expect((await api(`/campaigns/${await campaignRow(s.accountId, { status })}/publish`, { method: "POST", key })).status, status).toBe(200);
    }
    const sms = await api(`/campaigns/${await campaignRow(s.accountId, { channel: "sms" })}/publish`, { method: "POST", key });
    expect(sms.status).toBe(409);
    expect(await errorOf(sms)).toMatchObject({ code: "not_email", field: "channel" });
    const auto = await campaignRow(s.accountId, { automation: true, status: "automation" });
    expect((await api(`/campaigns/${auto}/publish`, { method: "POST", key })).status).toBe(404);
    expect((await api(`/campaigns/${auto}/publish`, { method: "DELETE", key })).status).toBe(404);
    expect((await api("/campaigns/cmp_nope/publish", { method: "POST", key })).status).toBe(404);
    const other = await seedAccount();
    expect((await api(`/campaigns/${await campaignRow(other.accountId)}/publish`, { method: "POST", key })).status).toBe(404);
  });
});

describe("public archive pages", () => {
  it("lists published email campaigns only, newest first, with feeds; never drafts or automation steps", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    const now = Date.now();
    const older = await campaignRow(s.accountId, { subject: "Aviso antiguo", startedAt: now - 86_400_000, publishedAt: now });
    const newer = await campaignRow(s.accountId, { subject: "Aviso nuevo", startedAt: now - 3_600_000, publishedAt: now - 1000 });
    await campaignRow(s.accountId, { subject: "Sin publicar" });
    await campaignRow(s.accountId, { subject: "Paso automático", automation: true, status: "automation", publishedAt: now });
    const res = await get(`/archivo/${slug}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<h1>Avisos de la Muni</h1>");
    expect(html).toContain("Comunicados &amp; avisos");
    expect(html.indexOf("Aviso nuevo")).toBeGreaterThan(0);
    expect(html.indexOf("Aviso nuevo")).toBeLessThan(html.indexOf("Aviso antiguo"));
    expect(html).toContain(`href="${BASE}/archivo/${slug}/${newer}"`);
    expect(html).toContain(`href="${BASE}/archivo/${slug}/${older}"`);
    expect(html).not.toContain("Sin publicar");
    expect(html).not.toContain("Paso automático");
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Avisos de la Muni (RSS)" href="${BASE}/archivo/${slug}/rss.xml">`);
    const rss = await get(`/archivo/${slug}/rss.xml`);
    expect(rss.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
    const rssText = await rss.text();
    expect([...rssText.matchAll(/<item>/g)]).toHaveLength(2);
    expect(rssText).not.toContain("Paso automático");
    const atom = await get(`/archivo/${slug}/atom.xml`);
    expect(atom.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    expect([...(await atom.text()).matchAll(/<entry>/g)]).toHaveLength(2);
  });

  it("pages the list 20 at a time and 404s past the end", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    const now = Date.now();
    for (let i = 0; i < 21; i++) await campaignRow(s.accountId, { subject: `Número ${String(i).padStart(2, "0")}`, startedAt: now - i * 60_000, publishedAt: now });
    const one = await (await get(`/archivo/${slug}`)).text();
    expect([...one.matchAll(/<li><article>/g)]).toHaveLength(20);
    expect(one).toContain(`href="${BASE}/archivo/${slug}?pagina=2" rel="next"`);
    const two = await (await get(`/archivo/${slug}?pagina=2`)).text();
    expect([...two.matchAll(/<li><article>/g)]).toHaveLength(1);
    expect(two).toContain("Número 20");
    expect(two).toContain(`href="${BASE}/archivo/${slug}" rel="prev"`);
    expect((await get(`/archivo/${slug}?pagina=3`)).status).toBe(404);
    expect([...(await (await get(`/archivo/${slug}/rss.xml`)).text()).matchAll(/<item>/g)]).toHaveLength(20);
  });

  it("renders a published campaign without a contact: share tags, share links, no pixel or tracking", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    const id = await campaignRow(s.accountId, { preheader: "La feria es el sábado", publishedAt: Date.now() });
    const res = await get(`/archivo/${slug}/${id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const url = `${BASE}/archivo/${slug}/${id}`;
    const enc = encodeURIComponent(url);
    expect(html).toMatch(/^<!doctype html><html lang="es">/);
    expect(html).toContain('<meta property="og:title" content="Feria de vecinos">');
    expect(html).toContain('<meta property="og:description" content="La feria es el sábado">');
    expect(html).toContain(`<meta property="og:url" content="${url}">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="og:locale" content="es_PE">');
    expect(html).toContain('<meta property="og:image" content="https://cdn.muni.gob.pe/banner.png">');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(html).toContain(`<link rel="canonical" href="${url}">`);
    expect(html).not.toContain("<title>asunto</title>");
    expect(html).toContain("Estimado vecino de :");
    expect(html).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${enc}"`);
    expect(html).toContain(`https://twitter.com/intent/tweet?url=${enc}&amp;text=Feria%20de%20vecinos`);
    expect(html).toContain(`https://www.linkedin.com/sharing/share-offsite/?url=${enc}`);
    expect(html).toContain(`mailto:?subject=Feria%20de%20vecinos&amp;body=${enc}`);
    expect(html).toContain(`<a href="${url}">Archivo</a>`);
    expect(html).toContain('href="https://muni.gob.pe/feria"');
    expect(html).not.toMatch(/\/t\/o\/|\/t\/c\/|\/u\/|\/v\//);
    expect(html).not.toContain("<script");
  });

  it("escapes a hostile subject and description in the page, the list, both feeds and the widget", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    const key = s.users.owner.key;
    await api("/archive", { method: "PUT", key, body: { slug, title: `<script>alert("t")</script> & 'co'`, description: "<b>x</b>", enabled: true } });
    const id = await campaignRow(s.accountId, { subject: `<script>alert("x")</script> "Tom" & 'Jerry' \u0007`, publishedAt: Date.now(), text: "<img src=x onerror=alert(1)> texto" });
    for (const path of [`/archivo/${slug}`, `/archivo/${slug}/${id}`, `/archivo/${slug}/rss.xml`, `/archivo/${slug}/atom.xml`, `/embed/${slug}/latest`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toContain('<script>alert("x")');
      expect(body, path).not.toContain('<script>alert("t")');
      expect(body, path).not.toContain("<img src=x");
      expect(body, path).not.toContain("\u0007");
    }
    const rss = await (await get(`/archivo/${slug}/rss.xml`)).text();
    expect(rss).toContain("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;Tom&quot; &amp; &apos;Jerry&apos;</title>");
    expect(rss).toContain("<description>&lt;img src=x onerror=alert(1)&gt; texto</description>");
    const page = await (await get(`/archivo/${slug}/${id}`)).text();
    expect(page).toContain('<meta property="og:title" content="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;Tom&quot; &amp; &#39;Jerry&#39;');
  });

  it("answers 404 pages to unknown and disabled archives and to unpublished campaigns", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    const published = await campaignRow(s.accountId, { publishedAt: Date.now() });
    const draft = await campaignRow(s.accountId, { status: "draft", startedAt: null });
    const auto = await campaignRow(s.accountId, { automation: true, status: "automation", publishedAt: Date.now() });
    const paths = (sl: string) => [`/archivo/${sl}`, `/archivo/${sl}/rss.xml`, `/archivo/${sl}/atom.xml`, `/archivo/${sl}/${published}`, `/embed/${sl}/latest`, `/embed/${sl}/latest.js`];
    // Saved but off.
    await api("/archive", { method: "PUT", key: s.users.owner.key, body: { slug, title: "T", enabled: false } });
    for (const p of [...paths(slug), ...paths("no-existe-este"), ...paths("X")]) expect((await get(p)).status, p).toBe(404);
    const page = await (await get(`/archivo/${slug}`)).text();
    expect(page).toContain("<h1>Página no encontrada</h1>");
    await enableArchive(s.users.owner.key, slug);
    for (const p of paths(slug)) expect((await get(p)).status, p).toBe(200);
    for (const id of [draft, auto, "cmp_nope"]) expect((await get(`/archivo/${slug}/${id}`)).status, id).toBe(404);
    // Other paths under the public prefixes are the archive's 404 page, not the dashboard's shell.
    for (const p of [`/archivo/${slug}/`, `/archivo/${slug}/${published}/x`, `/embed/${slug}`, `/embed/${slug}/otro`]) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).toContain("<h1>Página no encontrada</h1>");
    }
    // Another account's published campaign is not under this slug.
    const other = await seedAccount();
    expect((await get(`/archivo/${slug}/${await campaignRow(other.accountId, { publishedAt: Date.now() })}`)).status).toBe(404);
    await api(`/campaigns/${published}/publish`, { method: "DELETE", key: s.users.owner.key });
    expect((await get(`/archivo/${slug}/${published}`)).status).toBe(404);
  });
});

describe("widget", () => {
  it("serves the latest N for an iframe, framable by any site, and a loader script", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    const now = Date.now();
    for (let i = 0; i < 7; i++) await campaignRow(s.accountId, { subject: `Comunicado ${i}`, startedAt: now - i * 60_000, publishedAt: now });
    const res = await get(`/embed/${slug}/latest`);
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors *");
    const html = await res.text();
    expect([...html.matchAll(/<li>/g)]).toHaveLength(5);
    expect(html).toContain("Últimos comunicados");
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('target="_blank" rel="noopener"');
    const three = await (await get(`/embed/${slug}/latest?n=3&lang=en`)).text();
    expect([...three.matchAll(/<li>/g)]).toHaveLength(3);
    expect(three).toContain("Latest news");
    expect(three).toContain("Comunicado 0");
    expect(three).not.toContain("Comunicado 3");
    const js = await get(`/embed/${slug}/latest.js`);
    expect(js.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toContain(`"${BASE}/embed/${slug}/latest"`);
    // The archive itself may not be framed.
    expect((await get(`/archivo/${slug}`)).headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});

describe("share links in the web version", () => {
  async function viewOf(accountId: string, campaignId: string) {
    const contact = await env.DB.prepare("INSERT INTO contacts (account_id, email, first_name, created_at, updated_at) VALUES (?, ?, 'Ana', 0, 0) RETURNING id").bind(accountId, `ana${crypto.randomUUID().slice(0, 8)}@empresa.pe`).first<number>("id");
    return get(`/v/${await token({ kind: "view", campaignId, contactId: contact! })}`);
  }

  it("points to the contact-free public address while unpublished, to the archive page with a share bar once published", async () => {
    const s = await seedAccount();
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    const id = await campaignRow(s.accountId);
    const before = await (await viewOf(s.accountId, id)).text();
    expect(before).toContain("Estimado Ana");
    // Never the recipient's own web version (/v/<token>): the campaign's /v/p/<token>.
    expect(before).toMatch(/href="https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?u=http%3A%2F%2F127\.0\.0\.1%3A8787%2Fv%2Fp%2F[^"]+"/);
    expect(before).not.toContain("Compartir este comunicado");
    await env.DB.prepare("UPDATE campaigns SET published_at = ? WHERE id = ?").bind(Date.now(), id).run();
    const after = await (await viewOf(s.accountId, id)).text();
    const url = `http://127.0.0.1:8787/archivo/${slug}/${id}`;
    expect(after).toContain(`href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}"`);
    expect(after).toContain(`<a href="${url}">Archivo</a>`);
    expect(after).toContain('aria-label="Compartir este comunicado"');
    // The share title is the subject without the recipient's data.
    expect(after).toContain("text=Feria%20de%20vecinos");
  });
});
