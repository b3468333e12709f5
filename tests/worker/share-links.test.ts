/**
 * Share links in sent email (W6): while a campaign is not in the public archive, the share fields
 * of the mail and of the recipient's web version point at the campaign's contact-free public
 * address (`/v/p/<token>`), the same for every recipient, a page with nobody's data, no tracking
 * and `noindex`; once published they point at the archive page, and the address redirects there.
 * Forged, altered or recipient tokens, and SMS campaigns, get the 404 page.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, seedAccount, type Seeded } from "./helpers";
import { campaignRow, enableArchive, get, uniqSlug } from "./archive-helpers";
import { receivedFor, untilStatus, type Got } from "./send-helpers";
import { importLinkKey } from "../../shared/email/links";
import { signCampaignToken } from "../../shared/archive/public-link";

/** PUBLIC_URL of the test Worker (.dev.vars). */
const BASE = "http://127.0.0.1:8787";

const SHARE_MJML = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hola {{nombre | "proveedor"}} de {{empresa}}</mj-text>
  <mj-button href="https://www.gob.pe/convocatoria">Ver convocatoria</mj-button>
  <mj-text><a href="{{compartir_facebook}}">Facebook</a> <a href="{{compartir_x}}">X</a> <a href="{{compartir_linkedin}}">LinkedIn</a> <a href="{{compartir_correo}}">Correo</a> <a href="{{enlace_archivo}}">Archivo</a> <a href="{{ver_en_web}}">Ver en la web</a> <a href="{{enlace_baja}}">Darse de baja</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

/** The target URL of each share field found in a mail or page, decoded. */
function shareTargets(html: string) {
  const one = (re: RegExp) => {
    const m = re.exec(html);
    if (!m) throw new Error(`no match for ${re}`);
    return decodeURIComponent(m[1]!);
  };
  return {
    facebook: one(/href="https:\/\/www\.facebook\.com\/sharer\/sharer\.php\?u=([^"&]+)"/),
    x: one(/href="https:\/\/twitter\.com\/intent\/tweet\?url=([^"&]+)&amp;text=[^"]*"/),
    linkedin: one(/href="https:\/\/www\.linkedin\.com\/sharing\/share-offsite\/\?url=([^"&]+)"/),
    email: one(/href="mailto:\?subject=[^"&]*&amp;body=([^"&]+)"/),
    archive: one(/<a href="([^"]+)"[^>]*>Archivo<\/a>/),
  };
}

const webVersionOf = (html: string) => /<a href="(http:\/\/127\.0\.0\.1:8787\/v\/[^"]+)"[^>]*>Ver en la web<\/a>/.exec(html)![1]!;
const pathOf = (url: string) => new URL(url).pathname;

/** A campaign of the share template sent through the real pipeline to two contacts under `t`. */
async function sentWithShareLinks(s: Seeded, t: string): Promise<{ id: string; got: Got[] }> {
  const key = s.users.owner.key;
  const listId = ((await (await api("/lists", { key, body: { name: "Envío" } })).json()) as { id: string }).id;
  for (const [i, local] of ["ana", "beto"].entries()) {
    const r = await api("/contacts", { key, body: { email: `${local}@${t}.empresa.pe`, firstName: `Nombre${i}`, company: "Andina SAC", listIds: [listId], consent: { email: true } } });
    expect(r.status).toBe(201);
  }
  const templateId = ((await (await api("/templates", { key, body: { name: "Con compartir", source: SHARE_MJML } })).json()) as { id: string }).id;
  const res = await api("/campaigns", { key, body: { name: "Feria", subject: "Feria, {{nombre | \"vecinos\"}}", fromName: "Muni", fromAddress: "avisos@empresa.pe", templateId, audience: { listIds: [listId], segmentIds: [] } } });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  expect((await api(`/campaigns/${id}/send`, { method: "POST", key })).status).toBe(200);
  await untilStatus(s, id, "sent");
  const got = await receivedFor(t);
  expect(got).toHaveLength(2);
  return { id, got: got.sort((a, b) => a.rcptTo[0]!.localeCompare(b.rcptTo[0]!)) };
}

describe("share links of a campaign not in the archive", () => {
  it("point every recipient at one contact-free public page, and never at their web version", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `sh${Date.now().toString(36)}`;
    const { got } = await sentWithShareLinks(s, t);
    const [ana, beto] = got as [Got, Got];
    const targets = shareTargets(ana.html);
    const url = targets.facebook;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/v\/p\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(targets).toEqual({ facebook: url, x: url, linkedin: url, email: url, archive: url });
    // The same address for both recipients: nothing of either is in it.
    expect(shareTargets(beto.html)).toEqual(targets);
    const anaWeb = webVersionOf(ana.html);
    expect(url).not.toBe(anaWeb);
    expect(url).not.toContain(pathOf(anaWeb).slice("/v/".length));

    const res = await get(pathOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Robots-Tag")).toBe("noindex");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    const page = await res.text();
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain(`<meta property="og:url" content="${url}">`);
    expect(page).toContain('<meta property="og:title" content="Feria, vecinos">');
    expect(page).toContain("Hola proveedor de");
    expect(page).toContain('aria-label="Compartir este comunicado"');
    // Its own share links lead to itself, and there is no archive to go back to.
    expect(shareTargets(page).facebook).toBe(url);
    expect(page).not.toContain("←");
    for (const leak of ["Nombre0", "Nombre1", "Andina SAC", `ana@${t}`, `beto@${t}`, "/u/", "/t/o/", "/t/c/", pathOf(anaWeb)]) expect(page, leak).not.toContain(leak);
    expect(page).toContain('<a href="#">Darse de baja</a>');

    // The recipient's web version shows their data, but its share links lead to the public page.
    const web = await (await get(pathOf(anaWeb))).text();
    expect(web).toContain("Hola Nombre0 de Andina SAC");
    const webTargets = shareTargets(web);
    expect(webTargets).toEqual({ facebook: url, x: url, linkedin: url, email: url, archive: url });
    expect(web).not.toContain(encodeURIComponent(anaWeb));
  });

  it("point at the archive page once published, and the public address redirects there", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `sp${Date.now().toString(36)}`;
    const { id, got } = await sentWithShareLinks(s, t);
    const url = shareTargets(got[0]!.html).facebook;
    const slug = uniqSlug();
    await enableArchive(s.users.owner.key, slug);
    expect((await api(`/campaigns/${id}/publish`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
    const archived = `${BASE}/archivo/${slug}/${id}`;

    const res = await SELF.fetch(`http://127.0.0.1${pathOf(url)}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(archived);
    const web = await (await get(pathOf(webVersionOf(got[0]!.html)))).text();
    expect(shareTargets(web)).toEqual({ facebook: archived, x: archived, linkedin: archived, email: archived, archive: archived });
    expect(web).toContain(`<a href="${BASE}/archivo/${slug}" `);

    // Mail rendered now (a test send of the published campaign) carries the archive page.
    const to = `prueba@${t}x.example.org`;
    expect((await api(`/campaigns/${id}/test`, { key: s.users.owner.key, body: { to: [to] } })).status).toBe(200);
    const test = await receivedFor(`${t}x.example.org`);
    expect(test).toHaveLength(1);
    expect(shareTargets(test[0]!.html)).toEqual({ facebook: archived, x: archived, linkedin: archived, email: archived, archive: archived });

    // Withdrawn from the archive, the public address shows the page again.
    expect((await api(`/campaigns/${id}/publish`, { method: "DELETE", key: s.users.owner.key })).status).toBe(200);
    expect((await get(pathOf(url))).status).toBe(200);
  });
});

describe("the public address", () => {
  const key = importLinkKey("test-link-secret");
  const tokenOf = async (campaignId: string) => signCampaignToken(await key, campaignId);

  it("serves an automation's hidden campaign, and 404s forged, altered, recipient and SMS tokens", async () => {
    const s = await seedAccount();
    const auto = await campaignRow(s.accountId, { automation: true, status: "automation" });
    const autoRes = await get(`/v/p/${await tokenOf(auto)}`);
    expect(autoRes.status).toBe(200);
    const autoPage = await autoRes.text();
    expect(autoPage).toContain("Estimado vecino de :");
    expect(autoPage).toContain('<meta name="robots" content="noindex">');

    const good = await tokenOf(await campaignRow(s.accountId));
    expect((await get(`/v/p/${good}`)).status).toBe(200);
    const [payload, mac] = good.split(".") as [string, string];
    const flip = (ch: string) => (ch === "A" ? "B" : "A");
    const altered = [
      `${payload}.${mac.slice(0, -1)}${flip(mac.at(-1)!)}`,
      `${flip(payload[0]!)}${payload.slice(1)}.${mac}`,
      `${payload}.${mac.slice(0, -1)}`,
      payload,
      await tokenOf("cmp_nope"),
      // A token made with another key.
      await signCampaignToken(await importLinkKey("another-link-secret-0000"), (await campaignRow(s.accountId)) as string),
    ];
    const sms = await campaignRow(s.accountId, { channel: "sms" });
    for (const tok of [...altered, await tokenOf(sms)]) {
      const res = await get(`/v/p/${tok}`);
      expect(res.status, tok).toBe(404);
      expect(await res.text(), tok).toContain("<h1>Página no encontrada</h1>");
    }
  });
});
