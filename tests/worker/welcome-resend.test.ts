// Re-issuing a sub-user's welcome link (W5, `POST /users/:id/welcome`) through the Worker's own
// fetch and the loopback SMTP server: after the first link was used or expired, a new mail
// carries a new link that sets the password while the old one stays 410; a still-open link is
// revoked by the re-issue; another account's or an unknown user is 404, a disabled one 409
// (naming the reason, nothing mailed), an admin cannot re-send to an admin; each call is audited.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomToken } from "../../shared/auth/crypto";
import { api, errorOf, login, seedAccount, type Seeded } from "./helpers";

type Got = { text: string };
type Answer = { id: string; email: string; name: string; welcomeMail: { sent: boolean; link: boolean; error: string | null } };
const SMTP = env.SMTP_TEST as { control: string };
const received = async (to: string): Promise<Got[]> => (await fetch(`${SMTP.control}/messages?to=${encodeURIComponent(to)}`)).json();
const tag = () => randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, "x");
const NEW_PASSWORD = "nueva-clave-segura-2026";

async function createUser(s: Seeded, email: string): Promise<Answer> {
  const res = await api("/users", { key: s.users.owner.key, body: { name: "Ana Quispe", role: "sender", email } });
  expect(res.status).toBe(201);
  return (await res.json()) as Answer;
}
/** The set-password tokens of every mail sent to `to`, in the order they were sent. */
async function linkTokens(to: string): Promise<string[]> {
  return (await received(to)).map((m) => decodeURIComponent(/\/definir-clave\?token=([A-Za-z0-9_%-]+)/.exec(m.text)![1]!));
}
const resend = (s: Seeded, id: string, key = s.users.owner.key) => api(`/users/${id}/welcome`, { method: "POST", key });
const lookUp = (token: string) => api(`/auth/password-token/${encodeURIComponent(token)}`);
const setPassword = (token: string, password = NEW_PASSWORD) => api("/auth/set-password", { body: { token, password } });
const auditOf = (accountId: string) =>
  env.DB.prepare("SELECT status, target_id AS target, details FROM audit_log WHERE account_id = ? AND action = 'resendWelcome' ORDER BY id").bind(accountId).all();

describe("re-issuing the welcome link", () => {
  it("after the link was used: mails a new link that sets the password, the old one stays 410", async () => {
    const s = await seedAccount();
    const email = `usada.${tag()}@muni.test`;
    const created = await createUser(s, email);
    const [first] = await linkTokens(email);
    expect((await setPassword(first!, "primera-clave-segura")).status).toBe(200);

    const res = await resend(s, created.id);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer).toMatchObject({ id: created.id, email, name: "Ana Quispe", welcomeMail: { sent: true, link: true, error: null } });
    const tokens = await linkTokens(email);
    expect(tokens).toHaveLength(2);
    const second = tokens[1]!;
    expect(second).not.toBe(first);
    const mails = await received(email);
    expect(mails[1]!.text).toContain("owner te creó una cuenta de remitente en Pregón");

    expect((await lookUp(first!)).status).toBe(410);
    expect((await setPassword(first!)).status).toBe(410);
    expect((await lookUp(second)).status).toBe(200);
    expect((await setPassword(second)).status).toBe(200);
    await login(email, NEW_PASSWORD);
    expect((await setPassword(second, "otra-clave-distinta-9")).status).toBe(410);

    const audit = await auditOf(s.accountId);
    expect(audit.results).toEqual([{ status: 200, target: created.id, details: JSON.stringify({ email, welcomeMail: true, passwordLink: true }) }]);
  });

  it("after the link expired, and revokes a link still open so that only the newest works", async () => {
    const s = await seedAccount();
    const email = `vencida.${tag()}@muni.test`;
    const created = await createUser(s, email);
    await env.DB.prepare("UPDATE password_tokens SET expires_at = ? WHERE user_id = ?").bind(Date.now() - 1, created.id).run();
    const [expired] = await linkTokens(email);
    expect((await lookUp(expired!)).status).toBe(410);

    expect((await resend(s, created.id)).status).toBe(200);
    // An admin may re-send to a sender too; the previous, still-open link stops working.
    expect((await resend(s, created.id, s.users.admin.key)).status).toBe(200);
    const [, open, newest] = await linkTokens(email);
    expect((await lookUp(open!)).status).toBe(410);
    expect((await lookUp(expired!)).status).toBe(410);
    expect((await lookUp(newest!)).status).toBe(200);
    const openCount = await env.DB.prepare("SELECT COUNT(*) AS n FROM password_tokens WHERE user_id = ? AND used_at IS NULL").bind(created.id).first<number>("n");
    expect(openCount).toBe(1);
    expect((await setPassword(newest!)).status).toBe(200);
    await login(email, NEW_PASSWORD);
  });

  it("answers 404 for another account's user or an unknown one, and mails nothing", async () => {
    const a = await seedAccount();
    const b = await seedAccount();
    const email = `ajena.${tag()}@muni.test`;
    const created = await createUser(a, email);
    const other = await resend(b, created.id);
    expect(other.status).toBe(404);
    expect(await errorOf(other)).toMatchObject({ code: "not_found", message: "User not found" });
    expect((await resend(b, crypto.randomUUID())).status).toBe(404);
    expect(await linkTokens(email)).toHaveLength(1);
    const [first] = await linkTokens(email);
    expect((await lookUp(first!)).status).toBe(200);
    expect((await auditOf(b.accountId)).results.map((r) => r.status)).toEqual([404, 404]);
  });

  it("answers 409 naming the reason for a disabled user, and neither mails nor issues a link", async () => {
    const s = await seedAccount();
    const email = `baja.${tag()}@muni.test`;
    const created = await createUser(s, email);
    expect((await api(`/users/${created.id}`, { method: "PATCH", key: s.users.owner.key, body: { disabled: true } })).status).toBe(200);
    const res = await resend(s, created.id);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "conflict", field: "disabled", message: "This user is disabled; enable them before sending a new welcome link" });
    expect(await linkTokens(email)).toHaveLength(1);
    const tokens = await env.DB.prepare("SELECT COUNT(*) AS n FROM password_tokens WHERE user_id = ?").bind(created.id).first<number>("n");
    expect(tokens).toBe(1);
    expect((await auditOf(s.accountId)).results).toEqual([{ status: 409, target: created.id, details: null }]);
  });

  it("refuses an admin re-sending to an admin or the owner (403)", async () => {
    const s = await seedAccount();
    expect((await resend(s, s.users.owner.id, s.users.admin.key)).status).toBe(403);
    expect((await resend(s, s.users.admin.id, s.users.admin.key)).status).toBe(403);
    expect((await resend(s, s.users.owner.id)).status).toBe(403);
  });
});
