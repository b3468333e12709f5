/**
 * Delivery receipts through /hooks/sms/:connectionId/dlr: called exactly as the provider would
 * (Kannel: the dlr-url the fake provider received, escapes substituted; Jasmin: a form POST;
 * the generic JSON provider: a JSON POST). Per-part receipts make the message delivered; a
 * failed or expired part fails it; duplicates and late intermediate receipts change nothing; a
 * wrong secret is 403, a malformed receipt 400, an unknown message 200 and ignored.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { publicBase } from "../../workers/sms/connections-store";
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

async function receipt(req: ProviderRequest, d: string, A = "") {
  const res = await hook(dlrCall(req, { d, A, F: "7c1f", T: "1795000000" }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("Kannel receipts per part", () => {
  it("delivers the message once every part is delivered; duplicates and late receipts change nothing", async () => {
    const s = await seedAccount();
    const { id, reqs } = await sent(s, 2);
    expect(await receipt(reqs[0]!, "8", "ACK/")).toEqual({ status: 200, body: { ok: true, result: "duplicate", status: "accepted" } });
    expect(await receipt(reqs[0]!, "1", smpp("DELIVRD"))).toEqual({ status: 200, body: { ok: true, result: "applied", status: "accepted" } });
    expect((await message(s, id)).parts).toEqual([{ part: 1, status: "delivered" }, { part: 2, status: "accepted" }]);
    expect(await receipt(reqs[1]!, "4")).toEqual({ status: 200, body: { ok: true, result: "applied", status: "accepted" } });
    expect(await receipt(reqs[1]!, "1", smpp("DELIVRD"))).toEqual({ status: 200, body: { ok: true, result: "applied", status: "delivered" } });
    const done = await message(s, id);
    expect([done.status, done.doneAt !== null, done.parts]).toEqual(["delivered", true, [{ part: 1, status: "delivered" }, { part: 2, status: "delivered" }]]);
    // The same receipt again, an intermediate one after the final one, a contradicting final one.
    expect((await receipt(reqs[1]!, "1", smpp("DELIVRD"))).body.result).toBe("duplicate");
    expect((await receipt(reqs[1]!, "4")).body.result).toBe("duplicate");
    expect((await receipt(reqs[0]!, "2", smpp("UNDELIV", "00B"))).body.result).toBe("duplicate");
    expect(await message(s, id)).toEqual(done);
    const part = await env.DB.prepare("SELECT provider_id, error FROM sms_parts WHERE message_id = ? AND part = 1").bind(id).first();
    expect(part).toEqual({ provider_id: "7c1f", error: null });
  });

  it("fails the message when one part fails, and keeps it failed", async () => {
    const s = await seedAccount();
    const { id, reqs } = await sent(s, 2);
    expect((await receipt(reqs[1]!, "2", smpp("UNDELIV", "00B"))).body).toEqual({ ok: true, result: "applied", status: "failed" });
    expect((await receipt(reqs[0]!, "1", smpp("DELIVRD"))).body).toEqual({ ok: true, result: "applied", status: "failed" });
    const m = await message(s, id);
    expect([m.status, m.parts]).toEqual(["failed", [{ part: 1, status: "delivered" }, { part: 2, status: "failed" }]]);
    expect(await env.DB.prepare("SELECT error FROM sms_parts WHERE message_id = ? AND part = 2").bind(id).first<string>("error")).toBe("00B");
  });

  it("reads Kannel 1.4.5's expired code 34 and the SMSC's REJECTD", async () => {
    const [s, t] = [await seedAccount(), await seedAccount()];
    const a = await sent(s, 1);
    expect((await receipt(a.reqs[0]!, "34")).body.status).toBe("expired");
    const b = await sent(t, 1);
    expect((await receipt(b.reqs[0]!, "2", smpp("REJECTD", "0C1"))).body.status).toBe("rejected");
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
    expect(await (await hook(early)).json()).toEqual({ ok: true, result: "applied", status: "queued" });
    await deliver([id], 1);
    expect((await message(s, id)).status).toBe("delivered");
    expect(await requests(r.name)).toHaveLength(1);
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
    expect(await res.json()).toEqual({ ok: true, result: "unknown" });
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
    expect([unknown.status, await unknown.json()]).toEqual([200, { ok: true, result: "unknown" }]);
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
    expect((await message(s, id)).status).toBe("delivered");
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
    expect(await res.json()).toEqual({ ok: true, result: "applied", status: "expired" });
    const bad = await hook(body.callbackUrl, { method: "POST", body: "not json" });
    expect([bad.status, ((await bad.json()) as { error: { field: string } }).error.field]).toEqual([400, "body"]);
  });
});
