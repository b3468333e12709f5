// The welcome flow of a new sub-user (W5) through the Worker's own fetch and the loopback SMTP
// server: creating a user without a password mails the guide (PDF parsed back with postal-mime
// and pdf-lib) and a set-password link; the link's look-up (200 / 404 forged / 410 used or
// expired), setting the password (the password rule, single use, other links and sessions
// revoked, audit entry), then logging in; with a password, the mail has no link; a relay's
// refusal is reported in the answer and the user still exists; the public guide page and PDF.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import PostalMime from "postal-mime";
import { PDFDocument } from "pdf-lib";
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import { api, errorOf, login, PASSWORD, seedAccount, type Seeded } from "./helpers";

type Got = { rcptTo: string[]; subject: string; from: string; text: string; raw: string };
type Created = { id: string; email: string; welcomeMail: { sent: boolean; link: boolean; error: string | null } };
const SMTP = env.SMTP_TEST as { control: string };
const received = async (to: string): Promise<Got[]> => (await fetch(`${SMTP.control}/messages?to=${encodeURIComponent(to)}`)).json();
const tag = () => randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
const NEW_PASSWORD = "nueva-clave-segura-2026";

async function createUser(s: Seeded, body: Record<string, unknown>): Promise<Created> {
  const res = await api("/users", { key: s.users.owner.key, body: { name: "Ana Quispe", role: "sender", ...body } });
  expect(res.status).toBe(201);
  return (await res.json()) as Created;
}
/** The token of the one welcome mail sent to `to`. */
async function linkToken(to: string): Promise<string> {
  const [mail] = await received(to);
  const match = /\/definir-clave\?token=([A-Za-z0-9_%-]+)/.exec(mail!.text);
  return decodeURIComponent(match![1]!);
}
const lookUp = (token: string) => api(`/auth/password-token/${encodeURIComponent(token)}`);
const setPassword = (token: string, password = NEW_PASSWORD) => api("/auth/set-password", { body: { token, password } });

describe("creating a sub-user without a password", () => {
  it("mails the guide and a link; the link sets the password once, and the user logs in with it", async () => {
    const s = await seedAccount();
    await env.DB.prepare("UPDATE accounts SET name = 'Municipalidad de Prueba' WHERE id = ?").bind(s.accountId).run();
    const email = `ana.${tag()}@muni.test`;
    const before = Date.now();
    const created = await createUser(s, { email });
    expect(created.welcomeMail).toEqual({ sent: true, link: true, error: null });
    // No password yet: nothing logs in.
    expect((await api("/auth/login", { body: { email, password: PASSWORD } })).status).toBe(401);

    const got = await received(email);
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.subject).toBe("Bienvenida a Pregón · Municipalidad de Prueba");
    expect(mail.from).toBe('"Pregón" <no-responder@pregon.local>');
    expect(mail.text).toContain("owner te creó una cuenta de remitente en Pregón");
    expect(mail.text).toMatch(/Vale 72 horas y se puede usar una sola vez:\nhttp:\/\/127\.0\.0\.1(:\d+)?\/definir-clave\?token=[A-Za-z0-9_-]{43}\n/);
    const parsed = await PostalMime.parse(mail.raw);
    expect(parsed.attachments.map((a) => [a.filename, a.mimeType])).toEqual([["guia-de-uso-pregon.pdf", "application/pdf"]]);
    const pdf = await PDFDocument.load(new Uint8Array(parsed.attachments[0]!.content as ArrayBuffer));
    expect(pdf.getTitle()).toBe("Guía de uso de Pregón");
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    expect(parsed.html).toContain(">Elegir mi contraseña</a>");

    const token = await linkToken(email);
    const look = await lookUp(token);
    expect(look.status).toBe(200);
    const info = (await look.json()) as { email: string; name: string; expiresAt: string };
    expect(info).toMatchObject({ email, name: "Ana Quispe" });
    const ttl = Date.parse(info.expiresAt) - before;
    expect(ttl).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect(ttl).toBeLessThan(72 * 3_600_000 + 60_000);

    const done = await setPassword(token);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ ok: true, email, next: "login" });
    const session = await login(email, NEW_PASSWORD);
    expect(session.csrf).toBeTruthy();

    // Used once: the look-up and a second use are 410, and the password stays.
    expect((await lookUp(token)).status).toBe(410);
    const again = await setPassword(token, "otra-clave-distinta-9");
    expect(again.status).toBe(410);
    expect(await errorOf(again)).toMatchObject({ code: "gone", field: "token" });
    await login(email, NEW_PASSWORD);

    const audit = await env.DB.prepare("SELECT action, status, actor_user_id AS actor, target_id AS target FROM audit_log WHERE account_id = ? AND action = 'setPassword'").bind(s.accountId).all();
    expect(audit.results).toEqual([{ action: "setPassword", status: 200, actor: created.id, target: created.id }]);
  });

  it("refuses a password that breaks the rule, naming the field, and keeps the link usable", async () => {
    const s = await seedAccount();
    const email = `corta.${tag()}@muni.test`;
    await createUser(s, { email });
    const token = await linkToken(email);
    const short = await setPassword(token, "corta");
    expect(short.status).toBe(400);
    expect(await errorOf(short)).toMatchObject({ code: "invalid_field", field: "password", message: "password: must have at least 10 characters" });
    const unknown = await api("/auth/set-password", { body: { token, password: NEW_PASSWORD, extra: 1 } });
    expect(await errorOf(unknown)).toMatchObject({ code: "unknown_field", field: "extra" });
    expect((await lookUp(token)).status).toBe(200);
    expect((await setPassword(token)).status).toBe(200);
  });

  it("answers 404 to a forged link and 410 to an expired one", async () => {
    const forged = randomToken(32);
    expect((await lookUp(forged)).status).toBe(404);
    const res = await setPassword(forged);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("not_found");

    const s = await seedAccount();
    const email = `vencida.${tag()}@muni.test`;
    const created = await createUser(s, { email });
    const token = await linkToken(email);
    await env.DB.prepare("UPDATE password_tokens SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1, created.id).run();
    expect((await lookUp(token)).status).toBe(410);
    expect((await setPassword(token)).status).toBe(410);
    expect((await api("/auth/login", { body: { email, password: NEW_PASSWORD } })).status).toBe(401);
  });

  it("revokes the user's other links and sessions when one is used, and refuses a disabled user's link", async () => {
    const s = await seedAccount();
    const email = `dos.${tag()}@muni.test`;
    const created = await createUser(s, { email });
    const first = await linkToken(email);
    const second = randomToken(32);
    await env.DB.prepare("INSERT INTO password_tokens (id, user_id, account_id, purpose, created_at, expires_at) VALUES (?, ?, ?, 'welcome', ?, ?)")
      .bind(await sha256Hex(second), created.id, s.accountId, Date.now(), Date.now() + 3_600_000)
      .run();
    expect((await setPassword(second)).status).toBe(200);
    const session = await login(email, NEW_PASSWORD);
    expect((await lookUp(first)).status).toBe(410);
    // Setting the password through a link ends the user's sessions, as a reset does.
    const third = randomToken(32);
    await env.DB.prepare("INSERT INTO password_tokens (id, user_id, account_id, purpose, created_at, expires_at) VALUES (?, ?, ?, 'welcome', ?, ?)")
      .bind(await sha256Hex(third), created.id, s.accountId, Date.now(), Date.now() + 3_600_000)
      .run();
    expect((await setPassword(third, "tercera-clave-segura")).status).toBe(200);
    expect((await api("/me", { session })).status).toBe(401);

    const disabledEmail = `baja.${tag()}@muni.test`;
    const disabled = await createUser(s, { email: disabledEmail });
    const token = await linkToken(disabledEmail);
    expect((await api(`/users/${disabled.id}`, { method: "PATCH", key: s.users.owner.key, body: { disabled: true } })).status).toBe(200);
    expect((await lookUp(token)).status).toBe(410);
    expect((await setPassword(token)).status).toBe(410);
  });
});

describe("creating a sub-user with a password", () => {
  it("mails the guide without a link, makes no token, and the password works at once", async () => {
    const s = await seedAccount();
    const email = `con.${tag()}@muni.test`;
    const created = await createUser(s, { email, password: PASSWORD, role: "viewer" });
    expect(created.welcomeMail).toEqual({ sent: true, link: false, error: null });
    const [mail] = await received(email);
    expect(mail!.text).toContain("una cuenta de lector en Pregón");
    expect(mail!.text).not.toContain("definir-clave");
    expect((await PostalMime.parse(mail!.raw)).attachments).toHaveLength(1);
    const tokens = await env.DB.prepare("SELECT COUNT(*) AS n FROM password_tokens WHERE user_id = ?").bind(created.id).first<number>("n");
    expect(tokens).toBe(0);
    await login(email, PASSWORD);
  });

  it("says the mail did not go out when the relay refuses it, and keeps the user", async () => {
    const s = await seedAccount();
    const email = `nadie.${tag()}.reject-550@muni.test`;
    const created = await createUser(s, { email });
    expect(created.welcomeMail.sent).toBe(false);
    expect(created.welcomeMail.link).toBe(true);
    expect(created.welcomeMail.error).toMatch(/^550 /);
    expect((await api(`/users/${created.id}`, { key: s.users.owner.key })).status).toBe(200);
  });
});

describe("the public guide", () => {
  it("serves the Spanish page at /guia and the PDF at /guia.pdf, English on request", async () => {
    const page = await SELF.fetch("http://127.0.0.1/guia");
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<h1>Guía de uso de Pregón</h1>");
    expect(html).toContain('href="/guia.pdf"');

    const pdf = await SELF.fetch("http://127.0.0.1/guia.pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getTitle()).toBe("Guía de uso de Pregón");

    expect(await (await SELF.fetch("http://127.0.0.1/guia?lang=en")).text()).toContain("<h1>Pregón user guide</h1>");
  });
});
