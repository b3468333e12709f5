// The SMS inbox API: threads keyset-paged by last activity (either direction), one thread
// merging incoming and outgoing messages and marking them read, the reply with POST /sms's
// checks, replies linked to their campaign, and the keywords API's validation.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { campaignReplies } from "../../workers/sms/inbound-store";
import { api, errorOf, seedAccount } from "./helpers";
import { addConnection, addContact, addOutbound, kannelMo, mobile, outboundOf } from "./sms-inbound-helpers";

type Thread = { number: string; contact: { id: number; name: string } | null; last: { text: string; at: string; direction: "in" | "out" }; unread: number };
type Page = { threads: Thread[]; nextCursor: string | null };
type Conversation = { number: string; contact: { id: number; name: string } | null; messages: Array<{ id: string; direction: string; text: string; status: string; keyword: string | null; campaignId: string | null }> };

const HOUR = 3600_000;

describe("threads", () => {
  it("threads a reply with what was sent to that number, links it to the campaign, and marks it read when opened", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    const contactId = await addContact(s, from, { firstName: "Carmen", lastName: "Quispe" });
    const now = Date.now();
    await addOutbound(s.accountId, from, "Vacunacion gratuita el sabado. Responda BAJA para no recibir mas.", now - 2 * HOUR, { campaignId: "cmp_vacuna" });
    await kannelMo(conn, { from, text: "¿A qué hora?" });

    const page = (await (await api("/sms/inbox", { key: s.users.viewer.key })).json()) as Page;
    expect(page).toEqual({ threads: [{ number: from, contact: { id: contactId, name: "Carmen Quispe" }, last: { text: "¿A qué hora?", at: expect.any(String), direction: "in" }, unread: 1 }], nextCursor: null });

    const res = await api(`/sms/inbox/${encodeURIComponent(from)}`, { key: s.users.viewer.key });
    expect(res.status).toBe(200);
    const thread = (await res.json()) as Conversation;
    expect(thread.contact).toEqual({ id: contactId, name: "Carmen Quispe" });
    expect(thread.messages.map((m) => [m.direction, m.text, m.status, m.campaignId])).toEqual([
      ["out", "Vacunacion gratuita el sabado. Responda BAJA para no recibir mas.", "delivered", "cmp_vacuna"],
      ["in", "¿A qué hora?", "received", "cmp_vacuna"],
    ]);
    expect(await campaignReplies(env.DB, s.accountId, "cmp_vacuna")).toEqual({ replies: 1, numbers: 1 });
    expect(await campaignReplies(env.DB, s.accountId, "cmp_other")).toEqual({ replies: 0, numbers: 0 });

    // Opened: read. The number can also be written as typed (9 digits).
    const again = (await (await api("/sms/inbox", { key: s.users.viewer.key })).json()) as Page;
    expect(again.threads[0]!.unread).toBe(0);
    expect(((await (await api(`/sms/inbox/${from.slice(3)}`, { key: s.users.viewer.key })).json()) as Conversation).number).toBe(from);
  });

  it("does not link a reply to a campaign sent more than 7 days before it", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    await addOutbound(s.accountId, from, "Aviso antiguo", Date.now() - 8 * 24 * HOUR, { campaignId: "cmp_old" });
    await kannelMo(conn, { from, text: "Hola" });
    const thread = (await (await api(`/sms/inbox/${encodeURIComponent(from)}`, { key: s.users.owner.key })).json()) as Conversation;
    expect(thread.messages.map((m) => [m.direction, m.campaignId])).toEqual([["out", "cmp_old"], ["in", null]]);
    expect(await campaignReplies(env.DB, s.accountId, "cmp_old")).toEqual({ replies: 0, numbers: 0 });
  });

  it("pages threads newest activity first, an outbound message counting as activity, with a keyset cursor", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const [a, b, c] = [mobile(), mobile(), mobile()];
    const tick = () => new Promise((r) => setTimeout(r, 5)); // distinct arrival times
    await kannelMo(conn, { from: a, text: "uno", ts: "t1" });
    await tick();
    await kannelMo(conn, { from: b, text: "dos", ts: "t2" });
    await tick();
    await kannelMo(conn, { from: c, text: "tres", ts: "t3" });
    // The oldest thread gets an answer later than anything else: it moves to the top.
    await addOutbound(s.accountId, a, "respuesta", Date.now() + 60_000, { status: "accepted" });

    const first = (await (await api("/sms/inbox?limit=2", { key: s.users.owner.key })).json()) as Page;
    expect(first.threads.map((t) => [t.number, t.last.text, t.last.direction])).toEqual([[a, "respuesta", "out"], [c, "tres", "in"]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await (await api(`/sms/inbox?limit=2&cursor=${first.nextCursor}`, { key: s.users.owner.key })).json()) as Page;
    expect(second).toMatchObject({ threads: [{ number: b, last: { text: "dos" } }], nextCursor: null });

    const bad = await api("/sms/inbox?cursor=zzz", { key: s.users.owner.key });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("cursor");
    // Another account sees none of them.
    const other = await seedAccount();
    expect(await (await api("/sms/inbox", { key: other.users.owner.key })).json()).toEqual({ threads: [], nextCursor: null });
    expect(((await (await api(`/sms/inbox/${encodeURIComponent(a)}`, { key: other.users.owner.key })).json()) as Conversation).messages).toEqual([]);
  });
});

describe("replying", () => {
  it("queues a reply like POST /sms, paid by the replier, and shows it in the thread", async () => {
    const s = await seedAccount();
    const conn = await addConnection(s.accountId);
    const from = mobile();
    await kannelMo(conn, { from, text: "¿Dónde queda el local?" });
    const res = await api(`/sms/inbox/${encodeURIComponent(from)}/reply`, { key: s.users.admin.key, body: { text: "Av. Larco 400, Miraflores" } });
    expect(res.status).toBe(202);
    const queued = (await res.json()) as { id: string };
    expect(queued).toEqual({ id: expect.any(String), to: from, encoding: "GSM-7", segments: 1, status: "queued" });
    expect(await outboundOf(s.accountId, from)).toMatchObject([{ id: queued.id, text: "Av. Larco 400, Miraflores", sent_by: s.users.admin.id, reservation_id: expect.any(String) }]);
    const thread = (await (await api(`/sms/inbox/${encodeURIComponent(from)}`, { key: s.users.owner.key })).json()) as Conversation;
    expect(thread.messages.map((m) => [m.direction, m.text])).toEqual([["in", "¿Dónde queda el local?"], ["out", "Av. Larco 400, Miraflores"]]);
  });

  it("refuses what POST /sms refuses, naming the field", async () => {
    const s = await seedAccount();
    const to = encodeURIComponent(mobile());
    const reply = (number: string, body: unknown) => api(`/sms/inbox/${number}/reply`, { key: s.users.owner.key, body });
    const cases: Array<[string, unknown, number, string]> = [
      [to, { text: "" }, 400, "text"],
      [to, { text: "x".repeat(161) }, 400, "text"], // policy "confirm" by default: needs confirmMultipart
      [to, { text: "x".repeat(1531) }, 400, "text"], // 11 segments
      [to, { text: "Hola", extra: 1 }, 400, "extra"],
      ["abc", { text: "Hola" }, 400, "number"],
      ["014117000", { text: "Hola" }, 400, "to"], // a Lima landline
    ];
    for (const [number, body, status, field] of cases) {
      const res = await reply(number, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect((await errorOf(res)).field).toBe(field);
    }
    expect((await reply(to, { text: "x".repeat(161), confirmMultipart: true })).status).toBe(202);
  });
});

describe("keywords API", () => {
  it("lists the built-in opt-out words, refuses them and bad definitions, and deletes", async () => {
    const s = await seedAccount();
    const add = (body: unknown) => api("/sms/keywords", { key: s.users.owner.key, body });
    const refused: Array<[unknown, number, string]> = [
      [{ keyword: "baja", actions: { reply: "x" } }, 400, "keyword"],
      [{ keyword: "dos palabras", actions: { reply: "x" } }, 400, "keyword"],
      [{ keyword: "X", actions: { reply: "x" } }, 400, "keyword"],
      [{ keyword: "HORARIO", actions: {} }, 400, "actions"],
      [{ keyword: "HORARIO", actions: { webhookUrl: "ftp://x.pe/y" } }, 400, "actions.webhookUrl"],
    ];
    for (const [body, status, field] of refused) {
      const res = await add(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await errorOf(res)).field).toBe(field);
    }
    // Under the policy "enforce" a keyword's reply must fit one segment (it would be refused on every message).
    await env.DB.prepare(`INSERT INTO send_settings (account_id, limits, updated_at) VALUES (?, '{"perProviderPerHour":{},"sms":{"segmentPolicy":"enforce"}}', 0)`).bind(s.accountId).run();
    const long = await add({ keyword: "HORARIO", actions: { reply: "x".repeat(161) } });
    expect(long.status).toBe(400);
    expect(await errorOf(long)).toMatchObject({ field: "actions.reply", message: expect.stringContaining("single-segment") });
    const made = await add({ keyword: "Horário", actions: { reply: "De 8 a 17 h.", webhookUrl: "https://hooks.ejemplo.pe/sms" } });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const dup = await add({ keyword: "HORARIO", actions: { tag: "x" } });
    expect(dup.status).toBe(409);
    expect((await errorOf(dup)).field).toBe("keyword");

    const asViewer = (await (await api("/sms/keywords", { key: s.users.viewer.key })).json()) as { keywords: unknown[]; builtIn: string[] };
    expect(asViewer.builtIn.slice(0, 3)).toEqual(["BAJA", "STOP", "ALTO"]);
    expect(asViewer.keywords).toEqual([{ id, keyword: "HORARIO", actions: { reply: "De 8 a 17 h.", webhookUrl: "https://hooks.ejemplo.pe/sms" }, webhookSecret: null, createdAt: expect.any(String) }]);
    const asOwner = (await (await api("/sms/keywords", { key: s.users.owner.key })).json()) as { keywords: Array<{ webhookSecret: string | null }> };
    expect(asOwner.keywords[0]!.webhookSecret).toMatch(/^whsec_/);

    expect((await api(`/sms/keywords/${id}`, { method: "DELETE", key: s.users.owner.key })).status).toBe(200);
    expect((await api(`/sms/keywords/${id}`, { method: "DELETE", key: s.users.owner.key })).status).toBe(404);
  });
});
