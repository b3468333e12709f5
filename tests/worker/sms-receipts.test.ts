/**
 * Delivery receipts through /hooks/sms/:connectionId/dlr: called exactly as the provider would
 * (Kannel: the dlr-url the fake provider received, escapes substituted; Jasmin: a form POST;
 * the generic JSON provider: a JSON POST), queued and answered 200, then written by the receipts
 * consumer a batch at a time (workers/sms/receipts.ts applyReceipts, also called directly here to
 * see each receipt's effect). Per-part receipts make the message delivered; a failed or expired
 * part fails it; duplicates and late intermediate receipts change nothing; a wrong secret is
 * 403, a malformed receipt 400, an unknown message 200, then logged and dropped.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../../workers/index";
import { messageStatusOf, type PartStatus } from "../../shared/sms/message-status";
import { publicBase } from "../../workers/sms/connections-store";
import { parseKannelDlr } from "../../shared/sms/kannel";
import { applyReceipts, MESSAGE_STATUS_SQL, MOVE_SQL, PARTS_SQL, STATUS_SQL, type ReceiptEffect } from "../../workers/sms/receipts";
import { seedAccount, type Seeded } from "./helpers";
import { connection, deliver, dlrCall, hook, message, mobile, requests, route, sendSms, untilStatus, type ProviderRequest } from "./sms-send-helpers";

const smpp = (stat: string, err = "000") => `id:7c1f sub:001 dlvrd:001 submit date:2611291200 done date:2611291201 stat:${stat} err:${err} text:Hola`;

/** A message of `parts` parts sent through a connection of its own; its Kannel requests in part order. */
async function sent(s: Seeded, parts: 1 | 2): Promise<{ id: string; reqs: ProviderRequest[]; conn: { id: string; callbackUrls: { dlr: string } } }> {
  const r = route("dlr");
  const conn = await connection(s, { baseUrl: r.url });
  const text = parts === 1 ? "Su trámite fue aprobado".replace("á", "a") : "w".repeat(200);
  const { id } = (await (await sendSms(s, { to: mobile(), text, confirmMultipart: true })).json()) as { id: string };
  await untilStatus(s, id, "accepted");
  const reqs = await requests(r.name);
  expect(reqs).toHaveLength(parts);
  return { id, reqs, conn };
}

/** What the receipts consumer makes of Kannel calling the dlr-url with `d` and `A` (parsed as the hook parses it). */
async function receipt(req: ProviderRequest, d: string, A = "", accountId: string | null = null): Promise<ReceiptEffect> {
  const parsed = parseKannelDlr(new URL(dlrCall(req, { d, A, F: "7c1f", T: "1795000000" })).searchParams);
  if (!parsed.ok) throw new Error(`${parsed.field}: ${parsed.reason}`);
  return (await applyReceipts(env.DB, [{ accountId, receipt: parsed.receipt }], Date.now()))[0]!;
}

/** Waits until the receipts consumer has written `part` of `id` with `status`. */
async function untilPart(id: string, part: number, status: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await env.DB.prepare("SELECT status FROM sms_parts WHERE message_id = ? AND part = ?").bind(id, part).first<string>("status")) === status) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`part ${part} of ${id} never became ${status}`);
}

/** Kannel calling the dlr-url: the hook queues it and answers 200. */
async function callback(req: ProviderRequest, d: string, A = "") {
  const res = await hook(dlrCall(req, { d, A, F: "7c1f", T: "1795000000" }));
  return [res.status, await res.json()];
}

describe("Kannel receipts per part", () => {
  it("delivers the message once every part is delivered; duplicates and late receipts change nothing", async () => {
    const s = await seedAccount();
    const { id, reqs } = await sent(s, 2);
    expect(await receipt(reqs[0]!, "8", "ACK/")).toEqual({ result: "duplicate", status: "accepted" });
    expect(await receipt(reqs[0]!, "1", smpp("DELIVRD"))).toEqual({ result: "applied", status: "accepted" });
    expect((await message(s, id)).parts).toEqual([{ part: 1, status: "delivered" }, { part: 2, status: "accepted" }]);
    expect(await receipt(reqs[1]!, "4")).toEqual({ result: "applied", status: "accepted" });
    expect(await receipt(reqs[1]!, "1", smpp("DELIVRD"))).toEqual({ result: "applied", status: "delivered" });
    const done = await message(s, id);
    expect([done.status, done.doneAt !== null, done.parts]).toEqual(["delivered", true, [{ part: 1, status: "delivered" }, { part: 2, status: "delivered" }]]);
    // The same receipt again, an intermediate one after the final one, a contradicting final one.
    expect((await receipt(reqs[1]!, "1", smpp("DELIVRD"))).result).toBe("duplicate");
    expect((await receipt(reqs[1]!, "4")).result).toBe("duplicate");
    expect((await receipt(reqs[0]!, "2", smpp("UNDELIV", "00B"))).result).toBe("duplicate");
    expect(await message(s, id)).toEqual(done);
    const part = await env.DB.prepare("SELECT provider_id, error FROM sms_parts WHERE message_id = ? AND part = 1").bind(id).first();
    expect(part).toEqual({ provider_id: "7c1f", error: null });
  });

  it("fails the message when one part fails, and keeps it failed", async () => {
    const s = await seedAccount();
    const { id, reqs } = await sent(s, 2);
    expect(await receipt(reqs[1]!, "2", smpp("UNDELIV", "00B"))).toEqual({ result: "applied", status: "failed" });
    expect(await receipt(reqs[0]!, "1", smpp("DELIVRD"))).toEqual({ result: "applied", status: "failed" });
    const m = await message(s, id);
    expect([m.status, m.parts]).toEqual(["failed", [{ part: 1, status: "delivered" }, { part: 2, status: "failed" }]]);
    expect(await env.DB.prepare("SELECT error FROM sms_parts WHERE message_id = ? AND part = 2").bind(id).first<string>("error")).toBe("00B");
  });

  it("reads Kannel 1.4.5's expired code 34 and the SMSC's REJECTD", async () => {
    const [s, t] = [await seedAccount(), await seedAccount()];
    const a = await sent(s, 1);
    expect(await receipt(a.reqs[0]!, "34")).toMatchObject({ status: "expired" });
    const b = await sent(t, 1);
    expect(await receipt(b.reqs[0]!, "2", smpp("REJECTD", "0C1"))).toMatchObject({ status: "rejected" });
    expect([(await message(s, a.id)).status, (await message(t, b.id)).status]).toEqual(["expired", "rejected"]);
  });

  it("records a receipt that outruns the provider's answer, and the settle then catches up", async () => {
    const s = await seedAccount();
    const r = route("race");
    const conn = await connection(s, { baseUrl: r.url });
    const id = `sms_race${Date.now()}`;
    await env.DB.prepare("INSERT INTO sms_messages (id, account_id, to_number, text, encoding, segments, status, attempts, created_at) VALUES (?, ?, ?, 'Hola', 'GSM-7', 1, 'queued', 0, ?)")
      .bind(id, s.accountId, `+51${mobile()}`, Date.now())
      .run();
    const early = `${conn.callbackUrls.dlr}&msg=${id}&part=1&type=1&reply=${encodeURIComponent(smpp("DELIVRD"))}&fid=9&ts=1795000000`;
    expect(await (await hook(early)).json()).toEqual({ ok: true, result: "queued" });
    await untilPart(id, 1, "delivered");
    expect((await message(s, id)).status).toBe("queued");
    await deliver([id], 1);
    expect((await message(s, id)).status).toBe("delivered");
    expect(await requests(r.name)).toHaveLength(1);
  });
});

describe("the message's status from its parts", () => {
  it("is the same in SQL (the receipt's one batch) as shared/sms/messageStatusOf, for every two-part combination and part 0", async () => {
    const s = await seedAccount();
    const statuses: (PartStatus | null)[] = [null, "accepted", "buffered", "delivered", "failed", "expired", "rejected"];
    const cases: { part: number; status: PartStatus }[][] = [];
    for (const a of statuses) for (const b of statuses) cases.push([...(a ? [{ part: 1, status: a }] : []), ...(b ? [{ part: 2, status: b }] : [])]);
    for (const z of ["delivered", "expired", "accepted"] as const) cases.push([{ part: 0, status: z }], [{ part: 0, status: z }, { part: 1, status: "failed" }]);
    const id = (i: number) => `sms_rule${s.accountId.slice(-6)}_${i}`;
    await env.DB.batch(
      cases.flatMap((parts, i) => [
        env.DB.prepare("INSERT INTO sms_messages (id, account_id, to_number, text, encoding, segments, status, attempts, created_at) VALUES (?, ?, '+51987000000', 'x', 'GSM-7', 2, 'accepted', 0, 0)").bind(id(i), s.accountId),
        ...parts.map((p) => env.DB.prepare("INSERT INTO sms_parts (message_id, part, status, updated_at) VALUES (?, ?, ?, 0)").bind(id(i), p.part, p.status)),
      ]),
    );
    const got = await env.DB.batch<{ s: string }>(cases.map((_, i) => env.DB.prepare(`SELECT ${MESSAGE_STATUS_SQL} AS s FROM sms_messages m WHERE m.id = ?`).bind(id(i))));
    expect(got.map((r) => r.results[0]!.s)).toEqual(cases.map((parts) => messageStatusOf(parts, 2)));
    expect(new Set(got.map((r) => r.results[0]!.s))).toEqual(new Set(["accepted", "delivered", "failed", "expired", "rejected"]));
  });

  it("reads messages and parts by key, never scanning a table, whatever the batch", async () => {
    const json = JSON.stringify([{ m: "sms_a", a: null, p: 1, s: "delivered", f: null, e: null }]);
    for (const sql of [PARTS_SQL, MOVE_SQL, STATUS_SQL]) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...(sql.includes("?2") ? [json, 0] : [json])).all<{ detail: string }>();
      const details = plan.results.map((r) => r.detail);
      expect(details.filter((d) => /^SCAN (m|sms_messages|sms_parts|p)\b/.test(d)), `${sql}\n${details.join("\n")}`).toEqual([]);
    }
  });

  it("ends delivered when the receipts of both parts come in one batch, or at the same time through the hook", async () => {
    const s = await seedAccount();
    const { id, reqs } = await sent(s, 2);
    const [p1, p2] = [reqs[0]!, reqs[1]!].map((r) => parseKannelDlr(new URL(dlrCall(r, { d: "1", A: smpp("DELIVRD") })).searchParams));
    if (!p1?.ok || !p2?.ok) throw new Error("unparsed");
    const effects = await applyReceipts(env.DB, [{ accountId: s.accountId, receipt: p1.receipt }, { accountId: s.accountId, receipt: p2.receipt }, { accountId: s.accountId, receipt: p2.receipt }], Date.now());
    expect(effects.map((e) => [e.result, e.result === "unknown" ? null : e.status])).toEqual([["applied", "delivered"], ["applied", "delivered"], ["applied", "delivered"]]);
    // The message's final event goes with one receipt of the batch only.
    expect(effects.filter((e) => e.result !== "unknown" && e.event)).toHaveLength(0); // a single send: no campaign, no event
    expect((await message(s, id)).status).toBe("delivered");

    // Another account: a second connection on the first one would compete for its route.
    const u = await seedAccount();
    const t = await sent(u, 2);
    expect(await Promise.all([callback(t.reqs[0]!, "1", smpp("DELIVRD")), callback(t.reqs[1]!, "1", smpp("DELIVRD"))])).toEqual([
      [200, { ok: true, result: "queued" }],
      [200, { ok: true, result: "queued" }],
    ]);
    expect((await untilStatus(u, t.id, "delivered")).parts).toEqual([{ part: 1, status: "delivered" }, { part: 2, status: "delivered" }]);
  });
});

describe("the hook's answers to bad callers", () => {
  it("refuses a wrong or missing secret, and an unknown connection, with 403", async () => {
    const s = await seedAccount();
    const { id, reqs, conn } = await sent(s, 1);
    const url = dlrCall(reqs[0]!, { d: "1", A: smpp("DELIVRD") });
    for (const bad of [url.replace(/s=[^&]+/, "s=wrong"), url.replace(/s=[^&]+&/, ""), url.replace(`/sms/${conn.id}/`, "/sms/smsc_nope/")]) {
      const res = await hook(bad);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([403, "forbidden"]);
    }
    // Another account's connection cannot report on this message.
    const other = await seedAccount();
    const foreign = await connection(other, { baseUrl: route("other").url });
    const res = await hook(`${foreign.callbackUrls.dlr}&msg=${id}&part=1&type=1&reply=&fid=&ts=`);
    expect([res.status, await res.json()]).toEqual([200, { ok: true, result: "queued" }]);
    expect(await receipt(reqs[0]!, "1", smpp("DELIVRD"), other.accountId)).toEqual({ result: "unknown" });
    expect((await message(s, id)).status).toBe("accepted");
  });

  it("answers 400 naming the field for a malformed receipt, and 200 for an unknown message", async () => {
    const s = await seedAccount();
    const { reqs, conn } = await sent(s, 1);
    const bad = await hook(dlrCall(reqs[0]!, { d: "99" }));
    expect([bad.status, await bad.json()]).toEqual([400, { error: { code: "invalid_field", field: "type", message: "type: must be one Kannel DLR type: 1, 2, 4, 8, 16 or 34" } }]);
    const noMsg = await hook(`${conn.callbackUrls.dlr}&part=1&type=1`);
    expect([noMsg.status, ((await noMsg.json()) as { error: { field: string } }).error.field]).toEqual([400, "msg"]);
    const unknown = await hook(`${conn.callbackUrls.dlr}&msg=sms_unknown123&part=1&type=1&reply=&fid=&ts=`);
    expect([unknown.status, await unknown.json()]).toEqual([200, { ok: true, result: "queued" }]);
    // The consumer logs it and drops it (acked: a provider's receipt for nothing is not retried).
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const receiptOf = parseKannelDlr(new URL(`${conn.callbackUrls.dlr}&msg=sms_unknown123&part=1&type=1&reply=&fid=&ts=`).searchParams);
    if (!receiptOf.ok) throw new Error("unparsed");
    const batch = createMessageBatch("pregon-sms-receipts", [{ id: `r-${Date.now()}`, timestamp: new Date(), attempts: 1, body: { type: "sms_receipt", accountId: s.accountId, receipt: receiptOf.receipt, connectionId: conn.id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(1);
    expect(warn.mock.calls.map((c) => String(c[0]))).toContain(`sms receipt on ${conn.id} for unknown message sms_unknown123 ignored`);
    warn.mockRestore();
  });
});

describe("other providers' receipts", () => {
  it("takes Jasmin's form POST and answers ACK/Jasmin", async () => {
    const s = await seedAccount();
    const r = route("jasmin");
    const conn = await connection(s, { kind: "jasmin", baseUrl: r.url });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    expect((await untilStatus(s, id, "accepted")).parts).toEqual([{ part: 0, status: "accepted" }]);
    const [req] = await requests(r.name);
    const dlrUrl = new URLSearchParams(req!.body).get("dlr-url")!;
    expect(dlrUrl).toBe(`${publicBase(env)}/hooks/sms/${conn.id}/dlr?s=${new URL(conn.callbackUrls.dlr).searchParams.get("s")}&msg=${id}&part=0`);
    const post = (fields: string) => hook(dlrUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: fields });
    const res = await post("id=16fd2706&message_status=DELIVRD&level=2&id_smsc=2567&err=000&donedate=2611291201");
    expect([res.status, await res.text()]).toEqual([200, "ACK/Jasmin"]);
    expect((await untilStatus(s, id, "delivered")).status).toBe("delivered");
    const bad = await post("id=1&message_status=WHATEVER");
    expect(bad.status).toBe(400);
  });

  it("takes the generic JSON provider's receipt", async () => {
    const s = await seedAccount();
    const r = route("json");
    await connection(s, { kind: "http-json", baseUrl: r.url, password: "token-1" });
    const { id } = (await (await sendSms(s, { to: mobile(), text: "Hola" })).json()) as { id: string };
    await untilStatus(s, id, "accepted");
    const [req] = await requests(r.name);
    const body = JSON.parse(req!.body) as { callbackUrl: string; id: string };
    expect(body.id).toBe(id);
    const res = await hook(body.callbackUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "EXPIRED", providerId: "gw-1" }) });
    expect(await res.json()).toEqual({ ok: true, result: "queued" });
    expect((await untilStatus(s, id, "expired")).parts).toEqual([{ part: 0, status: "expired" }]);
    const bad = await hook(body.callbackUrl, { method: "POST", body: "not json" });
    expect([bad.status, ((await bad.json()) as { error: { field: string } }).error.field]).toEqual([400, "body"]);
  });
});
