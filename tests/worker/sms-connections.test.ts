/**
 * SMS provider connections, the segment policy setting and the portability table through the
 * API, and routing by operator: passwords sealed at rest and never returned, callback URLs
 * carrying the connection's secret, the deployment's `local` connection shown when the account
 * has none, validation naming the field, a portability CSV with line-numbered rejects, and a
 * number of a known operator sent through that operator's connection first.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { KANNEL_MO_QUERY } from "../../shared/sms/kannel";
import { localHookSecret, publicBase } from "../../workers/sms/connections-store";
import { api, errorOf, seedAccount } from "./helpers";
import { connection, mobile, requests, route, sendSms, untilStatus, type ConnView } from "./sms-send-helpers";

/** Where the API says the hooks are: PUBLIC_URL, else the origin it was asked on. */
const BASE = () => publicBase(env, "http://127.0.0.1");
const listOf = async (key: string) => ((await (await api("/sms/connections", { key })).json()) as { connections: ConnView[] }).connections;

function csvUpload(text: string, name = "portabilidad.csv") {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/csv" }));
  return form;
}

describe("connections", () => {
  it("lists the deployment's local connection until the account adds its own", async () => {
    const s = await seedAccount();
    const owner = s.users.owner.key;
    const secret = await localHookSecret(env as Env);
    expect(await listOf(owner)).toEqual([
      expect.objectContaining({ id: "local", kind: "kannel", builtIn: true, sender: "PREGON", operators: ["*"], hasPassword: true, callbackUrls: { dlr: `${BASE()}/hooks/sms/local/dlr?s=${secret}`, mo: `${BASE()}/hooks/sms/local/mo?s=${secret}&${KANNEL_MO_QUERY}` } }),
    ]);
    const own = await connection(s, { name: "Claro directo", baseUrl: "http://kannel.interno:13013", password: "muy-secreta", operators: ["claro"], priority: 3, ratePerSecond: 20 });
    expect(own).toMatchObject({ name: "Claro directo", kind: "kannel", username: "u", hasPassword: true, sender: "PREGON", operators: ["claro"], priority: 3, ratePerSecond: 20, active: true, builtIn: false });
    expect(own).not.toHaveProperty("password");
    expect((await listOf(owner)).map((c) => c.id)).toEqual([own.id]);
    const row = await env.DB.prepare("SELECT password, secret FROM sms_connections WHERE id = ?").bind(own.id).first<{ password: string; secret: string }>();
    expect(row!.password).toMatch(/^v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    expect(row!.password).not.toContain("muy-secreta");
    expect(own.callbackUrls).toEqual({ dlr: `${BASE()}/hooks/sms/${own.id}/dlr?s=${row!.secret}`, mo: `${BASE()}/hooks/sms/${own.id}/mo?s=${row!.secret}&${KANNEL_MO_QUERY}` });
    // Deactivated, the account is back on the local connection (listed after its own).
    const patched = await api(`/sms/connections/${own.id}`, { method: "PATCH", key: owner, body: { active: false, priority: 1, password: "otra" } });
    expect([patched.status, ((await patched.json()) as { active: boolean; priority: number }).priority]).toEqual([200, 1]);
    expect((await listOf(owner)).map((c) => c.id)).toEqual([own.id, "local"]);
    const again = await env.DB.prepare("SELECT password FROM sms_connections WHERE id = ?").bind(own.id).first<string>("password");
    expect(again).not.toBe(row!.password);
    expect((await api(`/sms/connections/${own.id}`, { method: "DELETE", key: owner })).status).toBe(200);
    expect((await api(`/sms/connections/${own.id}`, { method: "DELETE", key: owner })).status).toBe(404);
  });

  it("validates connections, naming the field", async () => {
    const s = await seedAccount();
    const owner = s.users.owner.key;
    const base = { name: "X", kind: "kannel", baseUrl: "http://k:13013", sender: "PREGON" };
    const bad = async (body: Record<string, unknown>) => {
      const res = await api("/sms/connections", { key: owner, body: { ...base, ...body } });
      return [res.status, (await errorOf(res)).field];
    };
    expect(await bad({ kind: "twilio" })).toEqual([400, "kind"]);
    expect(await bad({ baseUrl: "ftp://k" })).toEqual([400, "baseUrl"]);
    expect(await bad({ operators: ["tigo"] })).toEqual([400, "operators.0"]);
    expect(await bad({ operators: ["claro", "claro"] })).toEqual([400, "operators"]);
    expect(await bad({ ratePerSecond: 0 })).toEqual([400, "ratePerSecond"]);
    expect(await bad({ sender: "" })).toEqual([400, "sender"]);
    expect(await bad({ secret: "x" })).toEqual([400, "secret"]);
  });

  it("keeps each account's connections to itself", async () => {
    const [a, b] = [await seedAccount(), await seedAccount()];
    const conn = await connection(a, { baseUrl: "http://k:13013" });
    expect((await api(`/sms/connections/${conn.id}`, { method: "PATCH", key: b.users.owner.key, body: { name: "robada" } })).status).toBe(404);
    expect((await api(`/sms/connections/${conn.id}`, { method: "DELETE", key: b.users.owner.key })).status).toBe(404);
    expect((await listOf(b.users.owner.key)).map((c) => c.id)).toEqual(["local"]);
  });
});

describe("segment policy setting", () => {
  it("defaults to confirm, is stored beside the email limits, and survives their change", async () => {
    const s = await seedAccount();
    const owner = s.users.owner.key;
    expect(await (await api("/sms/settings", { key: s.users.viewer.key })).json()).toEqual({ segmentPolicy: "confirm", maxSegments: 10 });
    expect((await api("/sms/settings", { method: "PUT", key: owner, body: { segmentPolicy: "enforce" } })).status).toBe(200);
    expect((await api("/sending/limits", { method: "PUT", key: owner, body: { perProviderPerHour: { gmail: 100 } } })).status).toBe(200);
    expect(((await (await api("/sms/settings", { key: owner })).json()) as { segmentPolicy: string }).segmentPolicy).toBe("enforce");
    expect(((await (await api("/sending/limits", { key: owner })).json()) as { perProviderPerHour: { gmail: number } }).perProviderPerHour.gmail).toBe(100);
    const bad = await api("/sms/settings", { method: "PUT", key: owner, body: { segmentPolicy: "sometimes" } });
    expect([bad.status, (await errorOf(bad)).field]).toEqual([400, "segmentPolicy"]);
  });
});

describe("portability table", () => {
  it("imports number,operator rows, normalising both, and reports rejected lines", async () => {
    const s = await seedAccount();
    const owner = s.users.owner.key;
    const csv = [
      "Número;Operador",
      "987 654 321;Claro Perú",
      "+51 912-345-678;Telefónica",
      "51955555555;ENTEL",
      "(01) 411-7000;claro",
      "999888777;Tigo",
      "12;bitel",
      "0051 944 444 444;",
      '"933 333 333";"Bitel"',
    ].join("\r\n");
    const res = await api("/sms/portability", { key: owner, raw: csvUpload(csv) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imported: 4,
      rejectedTotal: 4,
      rejected: [
        { line: 5, reason: "not a mobile number: (01) 411-7000" },
        { line: 6, reason: "unknown operator: Tigo (use claro, movistar, entel, bitel or other)" },
        { line: 7, reason: "not a phone number: 12" },
        { line: 8, reason: "operator missing" },
      ],
    });
    const rows = await env.DB.prepare("SELECT number, operator FROM sms_portability WHERE account_id = ? ORDER BY number").bind(s.accountId).all();
    expect(rows.results).toEqual([
      { number: "+51912345678", operator: "movistar" },
      { number: "+51933333333", operator: "bitel" },
      { number: "+51955555555", operator: "entel" },
      { number: "+51987654321", operator: "claro" },
    ]);
    // A number uploaded again takes its new operator.
    expect(await (await api("/sms/portability", { key: owner, raw: csvUpload("987654321,bitel\n") })).json()).toEqual({ imported: 1, rejected: [], rejectedTotal: 0 });
    expect(await (await api("/sms/portability", { key: owner })).json()).toEqual({ count: 4, byOperator: { bitel: 2, entel: 1, movistar: 1 } });
    const none = await api("/sms/portability", { key: owner, raw: new FormData() });
    expect([none.status, (await errorOf(none)).field]).toEqual([400, "file"]);
  });

  it("routes a number of a known operator through that operator's connection, others through the general one", async () => {
    const s = await seedAccount();
    const [entelRoute, generalRoute] = [route("entel"), route("general")];
    const entel = await connection(s, { name: "Entel", baseUrl: entelRoute.url, operators: ["entel"], priority: 5 });
    const general = await connection(s, { name: "General", baseUrl: generalRoute.url, operators: ["*"], priority: 0 });
    const [ported, unknown] = [mobile(), mobile()];
    await api("/sms/portability", { key: s.users.owner.key, raw: csvUpload(`${ported},entel\n`) });
    const a = (await (await sendSms(s, { to: ported, text: "Hola" })).json()) as { id: string };
    const b = (await (await sendSms(s, { to: unknown, text: "Hola" })).json()) as { id: string };
    const [ma, mb] = [await untilStatus(s, a.id, "accepted"), await untilStatus(s, b.id, "accepted")];
    expect([ma.connectionId, ma.operator, mb.connectionId, mb.operator]).toEqual([entel.id, "entel", general.id, null]);
    expect((await requests(entelRoute.name)).map((r) => r.params.to)).toEqual([`+51${ported}`]);
    expect((await requests(generalRoute.name)).map((r) => r.params.to)).toEqual([`+51${unknown}`]);
  });
});
