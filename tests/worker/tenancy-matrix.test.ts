/**
 * The cross-account half of the authorization matrix, generated from the route table:
 * account A holds one of every resource; every role of account B calls every operation that
 * takes a path parameter with A's id in it and gets exactly 404 (403 where its role lacks the
 * permission, since the guard answers first), never a 200 or 409 that would tell A's resource
 * exists, and A's rows stay byte for byte the same. Every collection B can read leaves out all
 * of A's ids, and ids of A given inside request bodies (audiences, triggers, steps, exports,
 * previews, social posts) are refused as 404 naming the field. The same-account half, every
 * operation × every role, is roles.test.ts.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { operations, type Operation, type OperationId } from "../../shared/api/operations";
import { can, ROLES, type Role } from "../../shared/auth/roles";
import { api, errorOf, seedAccount, type Seeded } from "./helpers";
import { CALLS, NOT_ACCOUNT_SCOPED } from "./tenancy-calls";
import { settledSnapshot, snapshotOf } from "./tenancy-snapshot";
import {
  newAutomation, newCampaign, newDomain, newExport, newExportSchedule, newImport, newList, newSegment, newSms, newSmsConnection, newSmsKeyword,
  newSocialAccount, newTemplate, newWebhook, postableCampaign, uniq, VALID_DEF,
} from "./resource-helpers";

const ops = Object.entries(operations as Record<OperationId, Operation>)
  .map(([name, op]) => ({ name: name as OperationId, ...op }))
  .filter((op) => op.permission !== null && !op.path.startsWith("/auth/"));
const withParams = ops.filter((op) => op.path.includes("/:"));
const collections = ops.filter((op) => op.method === "get" && !op.path.includes("/:"));

/** A and B, A's id per path prefix, what B must never see, and A's balances (a Durable Object's, outside D1) at the start. */
type World = { a: Seeded; b: Seeded; ids: Record<string, string>; secrets: string[]; credits: string };
let w: World;

/** Account A's id for each path parameter, by the segment before it (`/lists/:id` → a list). */
function idFor(path: string, param: string): string {
  const key = param === "contactId" ? "contact" : path.slice(0, path.indexOf(`/:${param}`));
  const id = w.ids[key];
  if (id === undefined) throw new Error(`no resource of account A for :${param} in ${path}: add one to the fixture`);
  return id;
}

function pathOf(op: { path: string }): string {
  return op.path.replace(/:(\w+)/g, (_, p: string) => encodeURIComponent(idFor(op.path, p)));
}

/** A snapshot of A's rows (tenancy-snapshot.ts). */
const snapshotA = () => snapshotOf(w.a.accountId, Object.values(w.ids));
/** A's snapshot once its background work (queued SMS, the export, …) is done. */
const settled = () => settledSnapshot(w.a.accountId, Object.values(w.ids));

async function call(op: { method: string; name: OperationId; path: string }, role: Role): Promise<Response> {
  const c = CALLS[op.name]!;
  const res = await api(pathOf(op), { method: op.method.toUpperCase(), key: w.b.users[role].key, body: c.body, raw: c.raw?.(), headers: c.headers });
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close(1000);
  }
  return res;
}

/**
 * Whether `text`, B's answer, shows `secret`. B's audit log records B's own refused attempts with
 * the id B sent (the matrix above sends A's ids): those entries, 403 or 404 and by B's users, are
 * B's data; any other entry naming A's id is a leak.
 */
function leaks(op: OperationId, text: string, secret: string): boolean {
  const entries = op === "listAudit" ? (JSON.parse(text) as { entries?: { actorEmail: string; status: number }[] }).entries : undefined;
  if (entries === undefined) return text.includes(secret);
  const bEmails = new Set(Object.values(w.b.users).map((u) => u.email));
  return entries.some((e) => JSON.stringify(e).includes(secret) && !(bEmails.has(e.actorEmail) && (e.status === 403 || e.status === 404)));
}

const post = async <T>(s: Seeded, path: string, body: unknown) => (await (await api(path, { key: s.users.owner.key, body })).json()) as T;

beforeAll(async () => {
  const a = await seedAccount();
  const b = await seedAccount();
  const marker = `zeta${uniq()}`;
  const listId = await newList(a);
  const contact = await post<{ id: number }>(a, "/contacts", { email: `${marker}@empresa.pe`, phone: "987000171", firstName: marker, listIds: [listId], consent: { email: true } });
  const fieldKey = `f${marker}`.replace(/[^a-z0-9_]/g, "x");
  await post(a, "/fields", { key: fieldKey, label: marker, type: "text" });
  const campaignId = await newCampaign(a, true);
  await env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status) VALUES (?, ?, ?, 'queued')").bind(campaignId, contact.id, `${marker}@empresa.pe`).run();
  const inbound = "+51987000172";
  await env.DB.prepare("INSERT INTO sms_inbound (id, account_id, connection_id, from_number, to_number, text, contact_id, read, received_at) VALUES (?, ?, 'local', ?, 'PREGON', ?, NULL, 0, ?)")
    .bind(`mo_${uniq()}`, a.accountId, inbound, `mensaje ${marker}`, Date.now())
    .run();
  await post(a, "/suppressions", { kind: "email", value: `sup${marker}@empresa.pe`, reason: marker });
  const ids: Record<string, string> = {
    "/users": a.users.viewer.id,
    "/api-keys": a.users.viewer.keyId,
    "/lists": listId,
    "/imports": await newImport(a),
    "/segments": await newSegment(a),
    "/fields": fieldKey,
    "/contacts": String(contact.id),
    contact: String(contact.id),
    "/templates": await newTemplate(a),
    "/campaigns": campaignId,
    "/domains": await newDomain(a),
    "/exports": await newExport(a, "owner"),
    "/export-schedules": await newExportSchedule(a, "owner"),
    "/sms/inbox": inbound,
    "/sms/keywords": await newSmsKeyword(a),
    "/sms/messages": await newSms(a),
    "/sms/connections": await newSmsConnection(a),
    "/webhooks": await newWebhook(a),
    "/social-accounts": await newSocialAccount(a),
    "/automations": await newAutomation(a),
  };
  // What must never show in B's answers: A's ids (the numeric contact id is too short to search for; its email stands in) and the marker.
  const secrets = [marker, ...Object.entries(ids).filter(([k]) => k !== "contact" && k !== "/contacts" && k !== "/sms/inbox").map(([, v]) => v), a.accountId, ...Object.values(a.users).flatMap((u) => [u.id, u.keyId, u.email])];
  w = { a, b, ids, secrets, credits: "" };
  await settled();
  w.credits = await (await api("/credits", { key: a.users.owner.key })).text();
}, 60_000);

describe("tenancy matrix: every operation with a path parameter, as every role of another account", () => {
  it("has a call for every operation with a path parameter", () => {
    expect(withParams.filter((op) => CALLS[op.name] === undefined).map((op) => op.name)).toEqual([]);
    expect(Object.keys(CALLS).filter((n) => !withParams.some((op) => op.name === n))).toEqual([]);
  });

  it("notices a change to one of A's rows, in its own table or a child table", async () => {
    const before = await snapshotA();
    await env.DB.prepare("UPDATE lists SET name = name || '!' WHERE id = ?").bind(w.ids["/lists"]).run();
    const renamed = await snapshotA();
    await env.DB.prepare("UPDATE lists SET name = substr(name, 1, length(name) - 1) WHERE id = ?").bind(w.ids["/lists"]).run();
    await env.DB.prepare("UPDATE list_members SET status = 'unsubscribed' WHERE list_id = ?").bind(w.ids["/lists"]).run();
    const unsubscribed = await snapshotA();
    await env.DB.prepare("UPDATE list_members SET status = 'subscribed' WHERE list_id = ?").bind(w.ids["/lists"]).run();
    expect(renamed.lists).not.toBe(before.lists);
    expect(unsubscribed.list_members).not.toBe(before.list_members);
    expect(await snapshotA()).toEqual(before);
  });

  it("has a resource of account A for every path parameter", () => {
    for (const op of withParams) expect(() => pathOf(op), op.path).not.toThrow();
  });

  it.each(withParams.map((op) => ({ ...op, label: `${op.method.toUpperCase()} ${op.path}` })))("$label with A's id: 404 (403 without the permission), A unchanged", async (op) => {
    const before = await snapshotA();
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const role of ROLES) {
      const res = await call(op, role);
      got[role] = res.status;
      want[role] = NOT_ACCOUNT_SCOPED[op.name]?.[role] ?? (can(role, op.permission!) ? 404 : 403);
      const text = await res.text();
      for (const s of w.secrets) expect(text.includes(s), `${op.name} as ${role} shows ${s}: ${text.slice(0, 200)}`).toBe(false);
      if (res.status === 404) expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe("not_found");
    }
    expect(got).toEqual(want);
    expect(await snapshotA()).toEqual(before);
  });
});

describe("tenancy matrix: every collection, as every role of another account", () => {
  it.each(collections.map((op) => ({ ...op, label: `${op.method.toUpperCase()} ${op.path}` })))("$label leaves out all of A's data", async (op) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const role of ROLES) {
      const res = await api(op.path, { key: w.b.users[role].key });
      got[role] = res.status;
      want[role] = can(role, op.permission!) ? 200 : 403;
      const text = await res.text();
      for (const s of w.secrets) expect(leaks(op.name, text, s), `${op.name} as ${role} shows ${s}`).toBe(false);
    }
    expect(got).toEqual(want);
  });

  it("A's own collections do show A's data (the check above can fail)", async () => {
    const text = await (await api("/contacts", { key: w.a.users.owner.key })).text();
    expect(text).toContain(w.secrets[0]);
    const lists = await (await api("/lists", { key: w.a.users.owner.key })).text();
    expect(lists).toContain(w.ids["/lists"]);
  });
});

describe("tenancy matrix: A's ids inside B's request bodies", () => {
  let start: Record<string, string>;
  beforeAll(async () => {
    start = await snapshotA();
  });
  const b = () => w.b.users.owner.key;
  const refused = async (res: Response, field: string) => {
    const e = await errorOf(res);
    expect(res.status, `${field}: ${res.status} ${JSON.stringify(e)}`).toBe(404);
    expect(e.code).toBe("not_found");
    expect(e.field).toBe(field);
  };
  const EMAIL = { name: "C", subject: "Hola", fromName: "B", fromAddress: "avisos@empresa.pe" };

  it("refuses a campaign with A's template, list or segment, naming the field", async () => {
    const bList = await newList(w.b);
    const bTemplate = await newTemplate(w.b);
    await refused(await api("/campaigns", { key: b(), body: { ...EMAIL, templateId: w.ids["/templates"], audience: { listIds: [bList], segmentIds: [] } } }), "templateId");
    await refused(await api("/campaigns", { key: b(), body: { ...EMAIL, templateId: bTemplate, audience: { listIds: [w.ids["/lists"]], segmentIds: [] } } }), "audience.listIds");
    await refused(await api("/campaigns", { key: b(), body: { ...EMAIL, templateId: bTemplate, audience: { listIds: [], segmentIds: [w.ids["/segments"]] } } }), "audience.segmentIds");
    await refused(await api("/campaigns", { key: b(), body: { channel: "sms", name: "S", text: "Hola", audience: { listIds: [w.ids["/lists"]], segmentIds: [] } } }), "audience.listIds");
    const mine = await newCampaign(w.b);
    await refused(await api(`/campaigns/${mine}`, { method: "PATCH", key: b(), body: { audience: { listIds: [w.ids["/lists"]], segmentIds: [] } } }), "audience.listIds");
    await refused(await api(`/campaigns/${mine}`, { method: "PATCH", key: b(), body: { templateId: w.ids["/templates"] } }), "templateId");
  });

  it("refuses an automation whose trigger or steps name A's list, segment, campaign or template", async () => {
    const base = { name: "Auto", steps: [{ id: "marca", type: "tag", tag: "x" }] };
    await refused(await api("/automations", { key: b(), body: { ...base, trigger: { type: "subscribed", listId: w.ids["/lists"] } } }), "trigger.listId");
    await refused(await api("/automations", { key: b(), body: { ...base, trigger: { type: "segment", segmentId: w.ids["/segments"] } } }), "trigger.segmentId");
    await refused(await api("/automations", { key: b(), body: { ...base, trigger: { type: "engagement", campaignId: w.ids["/campaigns"], on: "opened" } } }), "trigger.campaignId");
    const email = { id: "correo", type: "email", templateId: w.ids["/templates"], subject: "Hola", fromName: "B", fromAddress: "avisos@empresa.pe" };
    await refused(await api("/automations", { key: b(), body: { name: "Auto", trigger: { type: "event", name: "x" }, steps: [email] } }), "steps.0.templateId");
    const cond = { id: "si", type: "condition", condition: { type: "list", listId: w.ids["/lists"], member: true }, yes: null, no: null };
    await refused(await api("/automations", { key: b(), body: { name: "Auto", trigger: { type: "event", name: "x" }, steps: [cond] } }), "steps.0.condition.listId");
    const mine = await newAutomation(w.b);
    await refused(await api(`/automations/${mine}`, { method: "PATCH", key: b(), body: { trigger: { type: "subscribed", listId: w.ids["/lists"] } } }), "trigger.listId");
  });

  it("refuses exports and export schedules of A's campaign or user", async () => {
    for (const role of ROLES) {
      const key = w.b.users[role].key;
      await refused(await api("/exports", { key, body: { kind: "campaign-events", format: "csv", params: { campaignId: w.ids["/campaigns"] } } }), "params.campaignId");
      await refused(await api("/exports", { key, body: { kind: "campaign-recipients", format: "csv", params: { campaignId: w.ids["/campaigns"] } } }), "params.campaignId");
      await refused(await api("/export-schedules", { key, body: { kind: "campaign-events", format: "csv", cadence: "daily", hour: 6, params: { campaignId: w.ids["/campaigns"] } } }), "params.campaignId");
    }
    await refused(await api("/exports", { key: b(), body: { kind: "monthly-report", format: "csv", params: { month: "2026-10", userId: w.a.users.sender.id } } }), "params.userId");
  });

  it("refuses A's list in a contact, a segment or a segment preview, and A's contact in a preview", async () => {
    await refused(await api("/contacts", { key: b(), body: { email: `b${uniq()}@empresa.pe`, listIds: [w.ids["/lists"]], consent: { email: true } } }), "listIds");
    const def = { match: "all", conditions: [{ type: "list", listId: w.ids["/lists"], member: true }] };
    await refused(await api("/segments", { key: b(), body: { name: "S", definition: def } }), "definition");
    await refused(await api("/segments/preview", { key: b(), body: { definition: def } }), "definition");
    const mineSegment = await newSegment(w.b);
    await refused(await api(`/segments/${mineSegment}`, { method: "PATCH", key: b(), body: { definition: def } }), "definition");
    const tpl = await newTemplate(w.b);
    const preview = await api(`/templates/${tpl}/preview`, { key: b(), body: { contactId: Number(w.ids.contact) } });
    expect(preview.status).toBe(404);
    expect(await preview.text()).not.toContain(w.secrets[0]);
    const camp = await newCampaign(w.b);
    for (const path of [`/campaigns/${camp}/preview`, `/campaigns/${camp}/test`]) {
      const res = await api(path, { key: b(), body: { contactId: Number(w.ids.contact), ...(path.endsWith("test") ? { to: ["prueba@example.org"] } : {}) } });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain(w.secrets[0]);
    }
    // A sanity check that the same body passes with B's own data: the 404s above are about the id.
    expect((await api("/segments/preview", { key: b(), body: { definition: VALID_DEF } })).status).toBe(200);
  });

  it("answers a post to A's social account exactly as to an id that exists nowhere", async () => {
    const id = await postableCampaign(w.b);
    const ask = async (account: string) => {
      const res = await api(`/campaigns/${id}/social`, { key: b(), body: { accounts: [account] } });
      return { status: res.status, error: { ...(await errorOf(res)), message: "" } };
    };
    const nowhere = await ask("sa_nowhere");
    expect(nowhere).toEqual({ status: 400, error: { code: "invalid_field", field: "accounts", message: "" } });
    expect(await ask(w.ids["/social-accounts"]!)).toEqual(nowhere);
  });

  it("leaves A's data as it was after all of the above, and A's credit untouched since the start", async () => {
    expect(await snapshotA()).toEqual(start);
    expect(await (await api("/credits", { key: w.a.users.owner.key })).text()).toBe(w.credits);
  });
});
