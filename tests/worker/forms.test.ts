/**
 * The hosted subscription form: consent with proof, double opt-in, bots, bad input, escaping.
 */
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { subscribe } from "../../workers/audience/subscribe";
import { api, seedAccount, type Seeded } from "./helpers";

async function formList(s: Seeded, body: Record<string, unknown>) {
  const list = (await (await api("/lists", { key: s.users.owner.key, body })).json()) as { id: string; formUrl: string };
  return { ...list, path: new URL(list.formUrl).pathname };
}

const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://127.0.0.1${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { "CF-Connecting-IP": "190.12.34.56", ...headers } });

async function contact(s: Seeded, email: string) {
  const page = (await (await api(`/contacts?q=${encodeURIComponent(email)}`, { key: s.users.owner.key })).json()) as { contacts: { id: number }[] };
  if (!page.contacts[0]) return null;
  return (await (await api(`/contacts/${page.contacts[0].id}`, { key: s.users.owner.key })).json()) as {
    firstName: string;
    phone: string | null;
    consents: { channel: string; action: string; source: string; proof: Record<string, unknown> }[];
    lists: { id: string; status: string }[];
  };
}

describe("subscription form", () => {
  it("shows an escaped Spanish form and subscribes with consent and its proof", async () => {
    const s = await seedAccount();
    const list = await formList(s, { name: "Boletín <script>alert(1)</script>" });
    const page = await SELF.fetch(`http://127.0.0.1${list.path}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("Boletín &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    const res = await post(list.path, { email: " Rosa@Empresa.PE ", firstName: "Rosa", phone: "987 654 321", consent: "yes", smsConsent: "yes" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("¡Gracias!");
    const c = await contact(s, "rosa@empresa.pe");
    expect(c).toMatchObject({ firstName: "Rosa", phone: "+51987654321", lists: [{ id: list.id, status: "subscribed" }] });
    expect(c!.consents.map((x) => [x.channel, x.action, x.source, x.proof.ip, x.proof.formId]).sort()).toEqual([
      ["email", "granted", "form", "190.12.34.56", list.id],
      ["sms", "granted", "form", "190.12.34.56", list.id],
    ]);
  });

  it("records SMS consent only when its own box is ticked (Ley 32323)", async () => {
    const s = await seedAccount();
    const list = await formList(s, { name: "Avisos" });
    await post(list.path, { email: "luis@empresa.pe", phone: "912345678", consent: "yes" });
    expect((await contact(s, "luis@empresa.pe"))!.consents.map((x) => x.channel)).toEqual(["email"]);
  });

  it("answers bad input with the form again, the values kept and escaped, and stores nothing", async () => {
    const s = await seedAccount();
    const list = await formList(s, { name: "Avisos" });
    const bad = await post(list.path, { email: "no-es-correo", firstName: '"><img src=x onerror=alert(1)>', consent: "yes" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Escriba un correo electrónico válido.");
    expect(html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    const noConsent = await post(list.path, { email: "ok@empresa.pe" });
    expect(noConsent.status).toBe(400);
    expect(await noConsent.text()).toContain("Debe aceptar");
    const badPhone = await post(list.path, { email: "ok@empresa.pe", phone: "123", consent: "yes" });
    expect(badPhone.status).toBe(400);
    const json = await post(list.path, { email: "x" }, { Accept: "application/json" });
    expect(await json.json()).toEqual({ error: { code: "invalid_field", message: "email: Escriba un correo electrónico válido.", field: "email" } });
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM contacts WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);
  });

  it("thanks a bot that fills the hidden field and stores nothing", async () => {
    const s = await seedAccount();
    const list = await formList(s, { name: "Avisos" });
    const res = await post(list.path, { email: "bot@spam.pe", consent: "yes", website: "http://spam" });
    expect(res.status).toBe(200);
    expect(await contact(s, "bot@spam.pe")).toBeNull();
  });

  it("keeps a double opt-in subscription pending until its link is used, once, before it expires", async () => {
    const s = await seedAccount();
    const list = await formList(s, { name: "Confirmados", doubleOptIn: true });
    const res = await post(list.path, { email: "eva@empresa.pe", consent: "yes" }, { Accept: "application/json" });
    expect(await res.json()).toEqual({ ok: true, pending: true });
    let c = await contact(s, "eva@empresa.pe");
    expect(c!.lists).toEqual([expect.objectContaining({ status: "pending" })]);
    expect(c!.consents.map((x) => x.action)).toEqual(["requested"]);
    const row = { id: list.id, account_id: s.accountId, double_opt_in: 1 };
    const { optinToken } = await subscribe(env.DB, row, { email: "eva@empresa.pe", domain: "empresa.pe", phone: null, firstName: null, lastName: null, company: null, reasons: [], smsConsent: false }, { ip: "1.2.3.4", formId: list.id, userAgent: null }, Date.now());
    const ok = await SELF.fetch(`http://127.0.0.1/f/confirm/${optinToken}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Suscripción confirmada");
    c = await contact(s, "eva@empresa.pe");
    expect(c!.lists).toEqual([expect.objectContaining({ status: "subscribed" })]);
    expect(c!.consents[0]).toMatchObject({ action: "granted", proof: { confirmed: true } });
    expect((await SELF.fetch(`http://127.0.0.1/f/confirm/${optinToken}`)).status).toBe(404);
    const old = await subscribe(env.DB, row, { email: "viejo@empresa.pe", domain: "empresa.pe", phone: null, firstName: null, lastName: null, company: null, reasons: [], smsConsent: false }, { ip: "1.2.3.4", formId: list.id, userAgent: null }, Date.now() - 8 * 86_400_000);
    expect((await SELF.fetch(`http://127.0.0.1/f/confirm/${old.optinToken}`)).status).toBe(404);
  });

  it("answers an unknown form with 404", async () => {
    expect((await SELF.fetch("http://127.0.0.1/f/no-existe")).status).toBe(404);
    expect((await post("/f/no-existe", { email: "a@b.pe", consent: "yes" })).status).toBe(404);
  });
});
