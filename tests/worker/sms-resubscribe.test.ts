/**
 * Per-channel opt-out, the way back and the way in: resubscribing SMS on the contact lifts the
 * BAJA's phone suppression (consent granted with the acting user as proof) so SMS works again and
 * a second BAJA works again; a phone suppressed for another reason is refused by name; an import
 * with a suppressed phone keeps the contact importable and emailable.
 */
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { detail, listCounts, mailDomain, mobile, newList, person, phoneSuppression, sms } from "./channel-helpers";
import { upload, waitDone } from "./import-helpers";
import { sendSms } from "./sms-send-helpers";

describe("resubscribing SMS after a BAJA", () => {
  it("lifts the opt-out's suppression with a granted consent, SMS works again, and a second BAJA opts out again", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const domain = mailDomain("resub");
    const rosa = await person(s, listId, { email: `rosa@${domain}`, phone: mobile(), firstName: "Rosa" });
    await sms(rosa.phone!, "BAJA");
    expect((await sendSms(s, { to: rosa.phone, text: "Hola" })).status).toBe(409);

    const res = await api(`/contacts/${rosa.id}`, { method: "PATCH", key: s.users.sender.key, body: { smsStatus: "subscribed" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ smsStatus: "subscribed", emailStatus: "subscribed", verdict: "valid", reasons: [] });
    expect(await phoneSuppression(s, rosa.phone!)).toBeNull();
    const granted = (await detail(s, rosa.id)).consents.filter((c) => c.channel === "sms" && c.action === "granted");
    // The first is the consent given at creation; the newest (first listed) is the resubscription.
    expect(granted).toHaveLength(2);
    expect(granted[0]).toMatchObject({ source: "api", proof: { userId: s.users.sender.id, apiKeyId: s.users.sender.keyId, lifted: { kind: "phone", value: rosa.phone, reason: "sms_optout" } } });
    expect(await listCounts(s, listId)).toEqual({ members: 1, subscribed: 1, sms: 1 });
    expect((await sendSms(s, { to: rosa.phone, text: "Hola de nuevo" })).status).toBe(202);

    await sms(rosa.phone!, "Baja");
    expect(await phoneSuppression(s, rosa.phone!)).toBe("sms_optout");
    const after = await detail(s, rosa.id);
    expect(after).toMatchObject({ smsStatus: "unsubscribed", emailStatus: "subscribed", verdict: "valid", reasons: ["phone_suppressed"] });
    expect(after.consents.filter((c) => c.channel === "sms").map((c) => [c.action, c.source])).toEqual([
      ["revoked", "sms"],
      ["granted", "api"],
      ["revoked", "sms"],
      ["granted", "api"],
    ]);
    expect(await listCounts(s, listId)).toEqual({ members: 1, subscribed: 1, sms: 0 });
    expect((await sendSms(s, { to: rosa.phone, text: "¿Seguro?" })).status).toBe(409);
  });

  it("refuses to resubscribe a phone suppressed for another reason, naming smsStatus, and changes nothing", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const luis = await person(s, listId, { phone: mobile() });
    await sms(luis.phone!, "STOP");
    // The supplier's number was then put on the list by hand: that decision is undone only there.
    expect((await api("/suppressions", { key: s.users.owner.key, body: { kind: "phone", value: luis.phone, reason: "Oficio N.° 45" } })).status).toBe(201);
    const res = await api(`/contacts/${luis.id}`, { method: "PATCH", key: s.users.owner.key, body: { smsStatus: "subscribed" } });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: "conflict", field: "smsStatus", message: "smsStatus: the phone is on the suppression list (Oficio N.° 45); remove it there first" });
    expect(await detail(s, luis.id)).toMatchObject({ smsStatus: "unsubscribed", verdict: "invalid", reasons: ["phone_suppressed"] });
    expect(await phoneSuppression(s, luis.phone!)).toBe("Oficio N.° 45");

    // Resubscribing email leaves the SMS opt-out as it is.
    const mail = await person(s, listId, { email: `luis@${mailDomain("x")}`, phone: mobile() });
    await sms(mail.phone!, "ALTO");
    expect((await api(`/contacts/${mail.id}`, { method: "PATCH", key: s.users.owner.key, body: { emailStatus: "unsubscribed" } })).status).toBe(200);
    expect((await api(`/contacts/${mail.id}`, { method: "PATCH", key: s.users.owner.key, body: { emailStatus: "subscribed" } })).status).toBe(200);
    expect(await detail(s, mail.id)).toMatchObject({ emailStatus: "subscribed", smsStatus: "unsubscribed", reasons: ["phone_suppressed"] });
    expect(await phoneSuppression(s, mail.phone!)).toBe("sms_optout");
  });
});

describe("importing a file with a suppressed phone", () => {
  it("imports the contact, reachable by email and not by SMS", async () => {
    const s = await seedAccount();
    const listId = await newList(s);
    const domain = mailDomain("imp");
    const [suppressed, onlyPhone, clean] = [mobile(), mobile(), mobile()];
    for (const phone of [suppressed, onlyPhone]) {
      expect((await api("/suppressions", { key: s.users.owner.key, body: { kind: "phone", value: phone, reason: "sms_optout" } })).status).toBe(201);
    }
    const csv = ["Correo;Nombre;Celular", `ana@${domain};Ana;${suppressed}`, `;Pedro;${onlyPhone}`, `ines@${domain};Inés;${clean}`].join("\r\n");
    const res = await upload(s, listId, csv);
    expect(res.status).toBe(202);
    const imp = await waitDone(s, ((await res.json()) as { importId: string }).importId);
    expect(imp.counts).toEqual({ rowsRead: 3, inserted: 3, updated: 0, skipped: 0, rejected: 0 });
    const found = (await (await api(`/contacts?listId=${listId}`, { key: s.users.viewer.key })).json()) as { contacts: { firstName: string; verdict: string; reasons: string[] }[] };
    expect(found.contacts.map((c) => [c.firstName, c.verdict, c.reasons])).toEqual([
      ["Inés", "valid", []],
      ["Pedro", "invalid", ["phone_suppressed"]],
      ["Ana", "valid", ["phone_suppressed"]],
    ]);
    expect(await listCounts(s, listId)).toEqual({ members: 3, subscribed: 2, sms: 1 });
    const check = (await (await api(`/lists/${listId}/validate`, { key: s.users.owner.key, method: "POST" })).json()) as { email: Record<string, number> };
    expect(check.email).toEqual({ sendable: 2, suppressed: 0, unsubscribed: 0, invalid: 0, noAddress: 1 });
  });
});
