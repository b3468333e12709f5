// The recipient endpoints through the Worker's own fetch: the open pixel, the click redirect,
// the web version and the unsubscribe page with its one-click POST; forged and truncated
// tokens; recording through the real events Queue; the per-IP-and-recipient pixel throttle.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { importLinkKey, signToken } from "../../shared/email/links";
import { PIXEL_LIMIT_PER_MINUTE } from "../../workers/tracking/record";
import { eventsOf, sentCampaign, token, until } from "./tracking-helpers";

const get = (path: string, ip = "203.0.113.9", init: RequestInit = {}) =>
  SELF.fetch(`http://127.0.0.1${path}`, { redirect: "manual", ...init, headers: { "CF-Connecting-IP": ip, "User-Agent": "Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36", ...(init.headers as Record<string, string>) } });
const countOf = async (campaignId: string, kind: string, contactId?: number) => (await eventsOf(campaignId)).filter((e) => e.kind === kind && (contactId === undefined || e.contact_id === contactId)).length;
const atLeast = (campaignId: string, kind: string, n: number, contactId?: number) => until(`${n} ${kind}`, async () => ((await countOf(campaignId, kind, contactId)) >= n ? true : null));

describe("open pixel", () => {
  it("answers a GIF that is never cached, and records only intact tokens of real recipients", async () => {
    const s = await sentCampaign(["ana@empresa.pe", "beto@empresa.pe"]);
    const good = await token({ kind: "open", campaignId: s.campaignId, contactId: s.contacts[0]!.id });
    const forged = good.slice(0, -2) + (good.endsWith("AA") ? "BA" : "AA");
    for (const path of [`/t/o/${forged}`, `/t/o/${good.slice(0, 20)}`, `/t/o/${await token({ kind: "open", campaignId: s.campaignId, contactId: 0 })}`, `/t/o/${good}`]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("image/gif");
      expect(res.headers.get("Cache-Control")).toContain("no-store");
      const gif = new Uint8Array(await res.arrayBuffer());
      expect(String.fromCharCode(...gif.subarray(0, 6))).toBe("GIF89a");
      expect([gif[6], gif[8]]).toEqual([1, 1]); // 1×1
    }
    await atLeast(s.campaignId, "open", 1);
    await new Promise((r) => setTimeout(r, 1500));
    const events = await eventsOf(s.campaignId);
    expect(events.map((e) => [e.kind, e.contact_id, e.machine])).toEqual([["open", s.contacts[0]!.id, null]]);
    expect(events[0]!.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(events[0]!.ip_hash).not.toContain("203");
  });

  it("stops recording one recipient's pixel hammered from an IP, and still records other recipients from that IP (an image proxy)", async () => {
    // Stay inside one throttle window (a minute).
    if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100));
    const s = await sentCampaign(["carla@empresa.pe", "dora@empresa.pe"]);
    const bot = await token({ kind: "open", campaignId: s.campaignId, contactId: s.contacts[0]!.id });
    for (let i = 0; i < PIXEL_LIMIT_PER_MINUTE + 15; i++) expect((await get(`/t/o/${bot}`, "198.51.100.66")).headers.get("Content-Type")).toBe("image/gif");
    expect((await get(`/t/o/${await token({ kind: "open", campaignId: s.campaignId, contactId: s.contacts[1]!.id })}`, "198.51.100.66")).status).toBe(200);
    await atLeast(s.campaignId, "open", 1, s.contacts[1]!.id);
    await atLeast(s.campaignId, "open", PIXEL_LIMIT_PER_MINUTE, s.contacts[0]!.id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await countOf(s.campaignId, "open", s.contacts[0]!.id)).toBe(PIXEL_LIMIT_PER_MINUTE);
  });
});

describe("click redirect", () => {
  it("redirects to the signed URL and records the click", async () => {
    const s = await sentCampaign(["eva@empresa.pe"]);
    const res = await get(`/t/c/${await token({ kind: "click", campaignId: s.campaignId, contactId: s.contacts[0]!.id, url: "https://tienda.pe/oferta?x=1" })}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("https://tienda.pe/oferta?x=1");
    await atLeast(s.campaignId, "click", 1);
    expect((await eventsOf(s.campaignId))[0]!.url).toBe("https://tienda.pe/oferta?x=1");
  });

  it("redirects to a URL with Spanish letters in its path, %-escaped in Location (never a 500)", async () => {
    const s = await sentCampaign(["nuria@empresa.pe"]);
    const res = await get(`/t/c/${await token({ kind: "click", campaignId: s.campaignId, contactId: s.contacts[0]!.id, url: "https://www.gob.pe/trámites/año?señal=ñ" })}`);
    expect([res.status, res.headers.get("Location")]).toEqual([302, "https://www.gob.pe/tr%C3%A1mites/a%C3%B1o?se%C3%B1al=%C3%B1"]);
  });

  it("never redirects for a forged, truncated or foreign token", async () => {
    const s = await sentCampaign(["fer@empresa.pe"]);
    const claims = { kind: "click" as const, campaignId: s.campaignId, contactId: s.contacts[0]!.id, url: "https://evil.example/phish" };
    const otherKey = await signToken(await importLinkKey("another-secret-of-16+"), claims);
    const good = await token({ ...claims, url: "https://tienda.pe/" });
    const swapped = (await token(claims)).split(".")[0] + "." + good.split(".")[1];
    for (const t of [otherKey, swapped, good.slice(0, -1), good.slice(0, 10), await token({ kind: "open", campaignId: s.campaignId, contactId: 1 })]) {
      const res = await get(`/t/c/${t}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("Location")).toBeNull();
      expect(await res.text()).toContain("Enlace no válido");
    }
  });
});

describe("web version", () => {
  it("shows the recipient's copy with merge fields and no open pixel", async () => {
    const s = await sentCampaign(["gina@empresa.pe"]);
    const res = await get(`/v/${await token({ kind: "view", campaignId: s.campaignId, contactId: s.contacts[0]!.id })}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<p>Hola Nombre0 de Andina SAC</p>");
    expect(html).toContain('href="https://tienda.pe/oferta"');
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:8787\/u\/[\w-]+\.[\w-]+"/);
    expect(html).not.toContain("/t/o/");
    expect((await get(`/v/${(await token({ kind: "view", campaignId: s.campaignId, contactId: s.contacts[0]!.id })).slice(0, -3)}`)).status).toBe(404);
  });
});

describe("unsubscribe", () => {
  it("shows a Spanish page with the choice, and the one-click POST unsubscribes once", async () => {
    const s = await sentCampaign(["hugo@empresa.pe"]);
    const id = s.contacts[0]!.id;
    const path = `/u/${await token({ kind: "unsubscribe", campaignId: s.campaignId, contactId: id })}`;
    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of ["Tienda Sol", "Solo esta lista", "Todas las comunicaciones", "Confirmar baja", `action="${path}"`]) expect(html).toContain(text);
    const oneClick = { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "GoogleOneClick" } };
    const res = await get(path, "203.0.113.20", oneClick);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Listo");
    await until("unsubscribed", async () => ((await env.DB.prepare("SELECT email_status FROM contacts WHERE id = ?").bind(id).first("email_status")) === "unsubscribed" ? true : null));
    const replay = await get(path, "203.0.113.20", oneClick);
    expect(replay.status).toBe(200);
    await atLeast(s.campaignId, "unsubscribe", 2);
    const consents = await env.DB.prepare("SELECT action, proof FROM consents WHERE contact_id = ?").bind(id).all<{ action: string; proof: string }>();
    expect(consents.results.map((c) => c.action)).toEqual(["revoked"]);
    expect(JSON.parse(consents.results[0]!.proof)).toMatchObject({ campaignId: s.campaignId, scope: "all", userAgent: "GoogleOneClick" });
    expect((await get(path.slice(0, -4), "203.0.113.20", oneClick)).status).toBe(404);
  });

  it("the page's form can leave this list only", async () => {
    const s = await sentCampaign(["ines@empresa.pe"]);
    const id = s.contacts[0]!.id;
    const path = `/u/${await token({ kind: "unsubscribe", campaignId: s.campaignId, contactId: id })}`;
    const res = await get(path, "203.0.113.21", { method: "POST", body: "scope=list", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    await until("list left", async () => ((await env.DB.prepare("SELECT status FROM list_members WHERE contact_id = ?").bind(id).first("status")) === "unsubscribed" ? true : null));
    expect(await env.DB.prepare("SELECT email_status FROM contacts WHERE id = ?").bind(id).first("email_status")).toBe("subscribed");
  });
});
