/**
 * Suppression and opt-out per channel (Ley 32323): a BAJA by SMS or a suppressed phone stops SMS
 * and nothing else; an email or domain suppression stops email and nothing else. Checked where it
 * matters: the contact's reasons and verdict, the list counts per channel, segments, and real
 * email and SMS campaigns sent to the end (SMTP test server, fake SMS provider).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadCampaign, audienceSql, countAudience } from "../../workers/email/campaign-store";
import { smsAudienceCount } from "../../workers/sms/campaign-audience";
import { api, seedAccount } from "./helpers";
import { detail, emailDraft, listCounts, mailDomain, mobile, newList, person, phoneSuppression, sendEmailCampaign, sendSmsCampaign, sms } from "./channel-helpers";
import { sendSms } from "./sms-send-helpers";

describe("an SMS opt-out stops SMS only", () => {
  it("BAJA by SMS: the contact still gets the email campaign and counts for email, not for SMS", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const domain = mailDomain("baja");
    const rosa = await person(s, listId, { email: `rosa@${domain}`, phone: mobile(), firstName: "Rosa" });
    const luis = await person(s, listId, { email: `luis@${domain}`, phone: mobile(), firstName: "Luis" });
    expect(await listCounts(s, listId)).toEqual({ members: 2, subscribed: 2, sms: 2 });

    await sms(rosa.phone!, "BAJA");
    expect(await phoneSuppression(s, rosa.phone!)).toBe("sms_optout");
    expect(await detail(s, rosa.id)).toMatchObject({ verdict: "valid", reasons: ["phone_suppressed"], emailStatus: "subscribed", smsStatus: "unsubscribed" });
    expect(await listCounts(s, listId)).toEqual({ members: 2, subscribed: 2, sms: 1 });

    // The send-day cleaning does not take the email away either.
    const check = (await (await api(`/lists/${listId}/validate`, { key: s.users.owner.key, method: "POST" })).json()) as { email: { sendable: number; suppressed: number } };
    expect(check.email).toMatchObject({ sendable: 2, suppressed: 0 });
    expect(await detail(s, rosa.id)).toMatchObject({ verdict: "valid", reasons: ["phone_suppressed"] });

    expect(await sendEmailCampaign(s, listId, domain)).toEqual([`luis@${domain}`, `rosa@${domain}`]);
    expect(await sendSmsCampaign(s, listId)).toEqual([luis.phone]);
    const single = await sendSms(s, { to: rosa.phone, text: "Hola" });
    expect(single.status).toBe(409);
  });

  it("a phone suppression added on the suppression page stops SMS only, and lifting it restores SMS", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const domain = mailDomain("tel");
    const ana = await person(s, listId, { email: `ana@${domain}`, phone: mobile() });
    const onlyPhone = await person(s, listId, { phone: mobile() });
    for (const phone of [ana.phone, onlyPhone.phone]) {
      expect((await api("/suppressions", { key: s.users.owner.key, body: { kind: "phone", value: phone, reason: "Pedido por oficio" } })).status).toBe(201);
    }
    expect(await detail(s, ana.id)).toMatchObject({ verdict: "valid", reasons: ["phone_suppressed"], smsStatus: "subscribed" });
    // Without an email the phone is all the contact has: invalid.
    expect(await detail(s, onlyPhone.id)).toMatchObject({ verdict: "invalid", reasons: ["phone_suppressed"] });
    expect(await listCounts(s, listId)).toEqual({ members: 2, subscribed: 1, sms: 0 });

    expect((await api("/suppressions/remove", { key: s.users.owner.key, body: { kind: "phone", value: ana.phone } })).status).toBe(200);
    expect((await api("/suppressions/remove", { key: s.users.owner.key, body: { kind: "phone", value: onlyPhone.phone } })).status).toBe(200);
    expect(await detail(s, ana.id)).toMatchObject({ verdict: "valid", reasons: [] });
    expect(await detail(s, onlyPhone.id)).toMatchObject({ verdict: "valid", reasons: [] });
    expect(await listCounts(s, listId)).toEqual({ members: 2, subscribed: 1, sms: 2 });
  });
});

describe("an email or domain suppression stops email only", () => {
  it("an email suppression and a domain suppression leave SMS alone: both still get the SMS campaign", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const domain = mailDomain("mail");
    const blocked = mailDomain("dominio");
    const beto = await person(s, listId, { email: `beto@${domain}`, phone: mobile(), firstName: "Beto" });
    const carla = await person(s, listId, { email: `carla@${blocked}`, phone: mobile(), firstName: "Carla" });
    const dina = await person(s, listId, { email: `dina@${domain}`, phone: mobile(), firstName: "Dina" });
    expect((await api("/suppressions", { key: s.users.owner.key, body: { kind: "email", value: beto.email, reason: "Pedido" } })).status).toBe(201);
    expect((await api("/suppressions", { key: s.users.owner.key, body: { kind: "domain", value: blocked, reason: "Oficio" } })).status).toBe(201);
    for (const p of [beto, carla]) expect(await detail(s, p.id)).toMatchObject({ verdict: "invalid", reasons: ["suppressed"], smsStatus: "subscribed" });
    expect(await listCounts(s, listId)).toEqual({ members: 3, subscribed: 1, sms: 3 });

    expect(await sendSmsCampaign(s, listId)).toEqual([beto.phone, carla.phone, dina.phone].sort());
    expect(await sendEmailCampaign(s, listId, domain)).toEqual([`dina@${domain}`]);
    // A single SMS to a contact whose email is suppressed goes out too.
    expect((await sendSms(s, { to: carla.phone, text: "Hola", contactId: carla.id })).status).toBe(202);
  });

  it("a suppression file marks each channel on its own", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const domain = mailDomain("file");
    const eva = await person(s, listId, { email: `eva@${domain}`, phone: mobile() });
    const fio = await person(s, listId, { email: `fio@${domain}`, phone: mobile() });
    const file = `tipo,valor,motivo\ncelular,${eva.phone},Pedido\ncorreo,fio@${domain},Pedido\n`;
    const res = await api("/suppressions/import", { key: s.users.owner.key, raw: file, headers: { "Content-Type": "text/csv" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { added: number }).added).toBe(2);
    expect(await detail(s, eva.id)).toMatchObject({ verdict: "valid", reasons: ["phone_suppressed"] });
    expect(await detail(s, fio.id)).toMatchObject({ verdict: "invalid", reasons: ["suppressed"] });
    expect(await listCounts(s, listId)).toEqual({ members: 2, subscribed: 1, sms: 1 });
  });
});

describe("counts per channel on lists, segments and campaign audiences", () => {
  it("counts each contact on the channels it can be reached on, exactly", async () => {
    const s = await seedAccount();
    const key = s.users.owner.key;
    const listId = await newList(s);
    const domain = mailDomain("cnt");
    const blocked = mailDomain("bloq");
    const baja = await person(s, listId, { email: `a@${domain}`, phone: mobile() }); // email only after BAJA
    const emailSupp = await person(s, listId, { email: `b@${domain}`, phone: mobile() }); // SMS only
    await person(s, listId, { email: `c@${blocked}`, phone: mobile() }); // SMS only (domain)
    const phoneSupp = await person(s, listId, { phone: mobile() }); // neither
    await person(s, listId, { email: `e@${domain}`, phone: "(01) 411-7000" }); // email only: a landline takes no SMS, and does not stop email
    await person(s, listId, { email: `f@${domain}`, phone: mobile() }); // both
    await sms(baja.phone!, "STOP");
    await api("/suppressions", { key, body: { kind: "email", value: emailSupp.email, reason: "Pedido" } });
    await api("/suppressions", { key, body: { kind: "domain", value: blocked, reason: "Oficio" } });
    await api("/suppressions", { key, body: { kind: "phone", value: phoneSupp.phone, reason: "Pedido" } });

    expect(await listCounts(s, listId)).toEqual({ members: 6, subscribed: 3, sms: 3 });
    const report = (await (await api(`/lists/${listId}/cleaning`, { key })).json()) as { valid: number; invalid: number; byReason: Record<string, number> };
    expect(report).toMatchObject({ valid: 3, invalid: 3, byReason: { suppressed: 2, phone_suppressed: 2, phone_not_mobile: 1 } });

    const segment = async (conditions: unknown[]) => {
      const res = await api("/segments", { key, body: { name: `S ${crypto.randomUUID().slice(0, 6)}`, definition: { match: "all", conditions: [{ type: "list", listId, member: true }, ...conditions] } } });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; count: number };
    };
    expect((await segment([{ type: "verdict", verdict: "valid" }])).count).toBe(3);
    expect((await segment([{ type: "status", channel: "email", status: "subscribed" }])).count).toBe(6);
    expect((await segment([{ type: "status", channel: "sms", status: "unsubscribed" }])).count).toBe(1);

    // The audiences of an email and an SMS campaign to a segment of the whole list.
    const all = await segment([]);
    const emailId = await emailDraft(s, { listIds: [], segmentIds: [all.id] });
    const text = await api("/campaigns", { key, body: { channel: "sms", name: "SMS", text: "Hola", audience: { listIds: [], segmentIds: [all.id] } } });
    expect(text.status).toBe(201);
    const now = Date.now();
    const emailRow = (await loadCampaign(env.DB, emailId))!;
    const smsRow = (await loadCampaign(env.DB, ((await text.json()) as { id: string }).id))!;
    expect(await countAudience(env.DB, s.accountId, await audienceSql(env.DB, emailRow, now))).toBe(3);
    expect(await smsAudienceCount(env.DB, smsRow, now)).toEqual({ total: 3, dropped: { noPhone: 0, notMobile: 1, optedOut: 1, suppressed: 1 } });
  });
});
