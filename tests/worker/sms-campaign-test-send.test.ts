/**
 * Test sends of SMS campaigns (W9 for SMS): POST /campaigns/:id/test with `numbers` queues one
 * single SMS per number through the real SMS consumer and the fake provider, "[Prueba] " before
 * the text rendered with the chosen contact's data, links as short links of no recipient; each
 * costs its segments in credit (an SMS costs money at the carrier), the campaign is left alone,
 * and the email field, bad numbers, an editor and the hour's limit are refused by name with
 * nothing queued.
 */
import { env } from "cloudflare:workers";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { analyse } from "../../shared/sms/encoding";
import { windowsAt } from "../../shared/campaigns/throttle";
import { shortLinkBase } from "../../workers/sms/campaign-validate";
import { TEST_SENDS_PER_HOUR } from "../../workers/email/test-send";
import { api, errorOf, seedAccount } from "./helpers";
import { setup } from "./campaign-helpers";
import { until } from "./send-helpers";
import { mobile, settledBalance } from "./sms-send-helpers";
import { e164, smsAudience, smsCampaign, textsTo } from "./sms-campaign-helpers";

const LINK = "https://www.gob.pe/citas";
const TEXT = `Hola {{nombre}}, su cita es mañana: ${LINK}`;
type Result = { to: string; status: string; messageId: string | null; segments: number; code: string | null; message: string };
type Answer = { results: Result[]; remainingThisHour: number };
const testSend = (key: string, id: string, body: unknown) => api(`/campaigns/${id}/test`, { key, body });
/** Test SMS the account queued (they carry no campaign). */
const testRows = (accountId: string) =>
  env.DB.prepare("SELECT id, campaign_id, contact_id, to_number, text, segments, sent_by FROM sms_messages WHERE account_id = ? AND text LIKE '[Prueba] %' ORDER BY to_number")
    .bind(accountId)
    .all<{ id: string; campaign_id: string | null; contact_id: number | null; to_number: string; text: string; segments: number; sent_by: string | null }>()
    .then((r) => r.results);

describe("SMS campaign test send", () => {
  it("queues a personalised [Prueba] SMS to each number once, charges its segments and leaves the campaign alone", async () => {
    const s = await seedAccount({ sms: 100 });
    const { listId, contacts } = await smsAudience(s, [{ firstName: "Ana" }]);
    const id = await smsCampaign(s, listId, TEXT);
    const [a, b] = [mobile(), mobile()].sort() as [string, string];
    const res = await testSend(s.users.owner.key, id, { numbers: [a, `+51${b}`, ` ${a.slice(0, 3)} ${a.slice(3, 6)} ${a.slice(6)} `], contactId: contacts[0]!.id });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    const base = shortLinkBase(env as Env);
    const expected = (code: string) => `[Prueba] Hola Ana, su cita es mañana: ${base}/s/${code}`;
    const segments = analyse(expected("0123456789")).segments;
    expect(segments).toBe(1);
    expect(body.results.map((r) => [r.to, r.status, r.segments, r.code])).toEqual([
      [e164(a), "queued", 1, null],
      [e164(b), "queued", 1, null],
    ]);
    expect(body.remainingThisHour).toBe(TEST_SENDS_PER_HOUR - 2);

    const rows = await testRows(s.accountId);
    expect(rows.map((r) => [r.id, r.campaign_id, r.contact_id, r.to_number, r.sent_by])).toEqual([
      [body.results[0]!.messageId, null, null, e164(a), s.users.owner.id],
      [body.results[1]!.messageId, null, null, e164(b), s.users.owner.id],
    ]);
    const got = await until("both sent", async () => {
      const texts = [await textsTo(e164(a)), await textsTo(e164(b))];
      return texts.every((x) => x.length === 1) ? texts.map((x) => x[0]!) : undefined;
    });
    const codes = got.map((t) => /\/s\/([A-Za-z0-9_-]+)$/.exec(t)![1]!);
    expect(got).toEqual(codes.map(expected));
    expect(codes[0]).not.toBe(codes[1]);
    // The link works and belongs to no recipient; the campaign is still a draft with no messages.
    const link = await SELF.fetch(`${base}/s/${codes[0]}`, { redirect: "manual" });
    expect([link.status, link.headers.get("location")]).toEqual([302, LINK]);
    expect(await env.DB.prepare("SELECT contact_id FROM short_links WHERE code = ?").bind(codes[0]).first("contact_id")).toBeNull();
    expect(await settledBalance(s)).toEqual({ available: 100 - 2, reserved: 0 });
    const c = (await (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json()) as { status: string };
    expect(c.status).toBe("draft");
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM sms_messages WHERE campaign_id = ?").bind(id).first("n")).toBe(0);

    // Without a contact, sample data fills the merge fields.
    const sample = (await (await testSend(s.users.owner.key, id, { numbers: [a] })).json()) as Answer;
    expect(sample.results.map((r) => r.status)).toEqual(["queued"]);
    expect((await testRows(s.accountId)).filter((r) => r.to_number === e164(a)).map((r) => r.text.split(",")[0])).toEqual(["[Prueba] Hola Ana", "[Prueba] Hola Ana"]);
  });

  it("refuses per number an opted-out number and a short balance, charging nothing for them", async () => {
    const s = await seedAccount({ sms: 1 });
    const { listId } = await smsAudience(s, [{ firstName: "Ana" }]);
    const id = await smsCampaign(s, listId, "Aviso: {{nombre}}, su trámite está listo.");
    const [out, ok, poor] = [mobile(), mobile(), mobile()];
    await env.DB.prepare("INSERT INTO suppressions (account_id, kind, value, reason, created_at) VALUES (?, 'phone', ?, 'sms_optout', ?)").bind(s.accountId, e164(out), Date.now()).run();
    const res = await testSend(s.users.admin.key, id, { numbers: [out, ok, poor] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.results.map((r) => [r.to, r.status, r.code])).toEqual([
      [e164(out), "refused", "opted_out"],
      [e164(ok), "queued", null],
      [e164(poor), "refused", "insufficient_credit"],
    ]);
    expect(body.results[2]!.message).toBe("This SMS needs 1 credit; 0 available");
    expect((await testRows(s.accountId)).map((r) => r.to_number)).toEqual([e164(ok)]);
    await until("sent", async () => ((await textsTo(e164(ok))).length === 1 ? true : undefined));
    expect(await settledBalance(s)).toEqual({ available: 0, reserved: 0 });
  });

  it("refuses the email field, bad numbers, an editor and the hour's limit by name, queueing nothing", async () => {
    const s = await seedAccount({ sms: 100 });
    const { listId } = await smsAudience(s, [{ firstName: "Ana" }]);
    const id = await smsCampaign(s, listId, TEXT);
    const key = s.users.sender.key;
    const cases: [unknown, number, string, string][] = [
      [{ to: ["revisor@example.org"] }, 400, "to", "to: an SMS campaign's test goes to mobile numbers: send them in `numbers`"],
      [{}, 400, "numbers", "numbers: required: up to 5 mobile numbers"],
      [{ numbers: [] }, 400, "numbers", ""],
      [{ numbers: ["987000001", "987000002", "987000003", "987000004", "987000005", "987000006"] }, 400, "numbers", ""],
      [{ numbers: ["987000001", "(01) 411-7000"] }, 400, "numbers.1", "numbers.1: (01) 411-7000 is a landline, not a mobile number"],
      [{ numbers: ["12345"] }, 400, "numbers.0", "numbers.0: 12345 is not a valid phone number"],
      [{ numbers: ["987000001"], contactId: 999999999 }, 404, "", ""],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await testSend(key, id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const err = await errorOf(res);
      if (field) expect(err.field, JSON.stringify(body)).toBe(field);
      if (message) expect(err.message).toBe(message);
    }
    const editor = await testSend(s.users.editor.key, id, { numbers: ["987000001"] });
    expect(editor.status).toBe(403);
    expect((await errorOf(editor)).message).toBe("An SMS test costs credit: your role may edit campaigns but not send them");
    expect((await testSend((await seedAccount()).users.owner.key, id, { numbers: ["987000001"] })).status).toBe(404);

    // An email campaign refuses `numbers` by name.
    const { key: ownerKey, draft } = await setup(s);
    const email = ((await (await api("/campaigns", { key: ownerKey, body: draft })).json()) as { id: string }).id;
    const wrong = await testSend(ownerKey, email, { numbers: ["987000001"] });
    expect([wrong.status, (await errorOf(wrong)).field]).toEqual([400, "numbers"]);

    // The hour's allowance is the email tests' one: all or nothing.
    await env.DB.prepare("INSERT INTO send_windows (scope, window, n) VALUES (?, ?, ?)").bind(`test:${s.accountId}`, windowsAt(Date.now()).hour, TEST_SENDS_PER_HOUR - 1).run();
    const over = await testSend(key, id, { numbers: ["987000001", "987000002"] });
    expect(over.status).toBe(429);
    expect(await errorOf(over)).toMatchObject({ code: "test_send_limit", field: "numbers" });
    expect(await testRows(s.accountId)).toEqual([]);
    expect(await settledBalance(s)).toEqual({ available: 100, reserved: 0 });
  });
});
