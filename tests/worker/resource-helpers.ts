/**
 * Creators of one resource each (list, contact, template, campaign, segment, domain, import,
 * export, SMS keyword, webhook, SMS connection, SMS, export schedule, social account,
 * automation) through the API as the account's owner, shared by the role matrix
 * (roles.test.ts) and the cross-account matrix (tenancy-matrix.test.ts) so both build their
 * fixtures the same way.
 */
import { env } from "cloudflare:workers";
import type { Role } from "../../shared/auth/roles";
import { sha256Hex } from "../../shared/auth/crypto";
import { api, PASSWORD, type Seeded } from "./helpers";

export async function victim(s: Seeded) {
  const res = await api("/users", { key: s.users.owner.key, body: { email: `v${crypto.randomUUID().slice(0, 8)}@example.org`, name: "Víctima", role: "sender", password: PASSWORD } });
  return ((await res.json()) as { id: string }).id;
}
/** A fresh sub-user's set-password token (public operations: every role gets the same answer). */
export async function welcomeToken(s: Seeded) {
  const token = crypto.randomUUID();
  await env.DB.prepare("INSERT INTO password_tokens (id, user_id, account_id, purpose, created_at, expires_at) VALUES (?, ?, ?, 'welcome', ?, ?)")
    .bind(await sha256Hex(token), await victim(s), s.accountId, Date.now(), Date.now() + 3_600_000)
    .run();
  return token;
}
export async function throwawayKey(s: Seeded) {
  const res = await api("/api-keys", { key: s.users.owner.key, body: { name: "tmp", role: "viewer" } });
  return ((await res.json()) as { id: string }).id;
}

export const uniq = () => crypto.randomUUID().slice(0, 8);

export async function newList(s: Seeded) {
  return ((await (await api("/lists", { key: s.users.owner.key, body: { name: `L${uniq()}` } })).json()) as { id: string }).id;
}
export async function newContact(s: Seeded) {
  const res = await api("/contacts", { key: s.users.owner.key, body: { email: `c${uniq()}@empresa.pe`, consent: { email: true } } });
  return ((await res.json()) as { id: number }).id;
}
export function csvForm(start = "true") {
  const form = new FormData();
  form.append("start", start);
  form.append("file", new File([`email\nx${uniq()}@empresa.pe\n`], "a.csv"));
  return form;
}
export const TINY_MJML = "<mjml><mj-body><mj-section><mj-column><mj-text>Hola {{nombre}}</mj-text></mj-column></mj-section></mj-body></mjml>";
export async function newTemplate(s: Seeded) {
  return ((await (await api("/templates", { key: s.users.owner.key, body: { name: `T${uniq()}`, source: TINY_MJML } })).json()) as { id: string }).id;
}
export async function newCampaign(s: Seeded, withContact = false) {
  const listId = await newList(s);
  if (withContact) await api("/contacts", { key: s.users.owner.key, body: { email: `r${uniq()}@empresa.pe`, listIds: [listId], consent: { email: true } } });
  const res = await api("/campaigns", {
    key: s.users.owner.key,
    body: { name: "C", subject: "Hola", fromName: "A", fromAddress: "avisos@empresa.pe", templateId: await newTemplate(s), audience: { listIds: [listId], segmentIds: [] } },
  });
  return ((await res.json()) as { id: string }).id;
}
export async function scheduledCampaign(s: Seeded) {
  const id = await newCampaign(s, true);
  await api(`/campaigns/${id}/schedule`, { key: s.users.owner.key, body: { at: "2035-01-01T09:00" } });
  return id;
}
/** A campaign marked sent straight in D1 (W6: only mail that went out can be published). */
export async function sentCampaign(s: Seeded) {
  const id = await newCampaign(s);
  await env.DB.prepare("UPDATE campaigns SET status = 'sent', started_at = ? WHERE id = ?").bind(Date.now(), id).run();
  return id;
}
/** A connected X account (W6); its token is unknown to the stand-in, which refuses its posts. */
export async function newSocialAccount(s: Seeded) {
  const res = await api("/social-accounts", { key: s.users.owner.key, body: { network: "x", name: "X", target: String(Date.now()), token: `t-${uniq()}` } });
  return ((await res.json()) as { id: string }).id;
}
/** A sent campaign of an account with an enabled archive and one social account: ready to post by hand. */
export async function postableCampaign(s: Seeded) {
  await env.DB.prepare("INSERT OR IGNORE INTO archive_settings (account_id, slug, title, enabled, updated_at) VALUES (?, ?, 'Avisos', 1, ?)").bind(s.accountId, `r-${uniq().toLowerCase()}`, Date.now()).run();
  await newSocialAccount(s);
  return sentCampaign(s);
}
/** "<campaign>/recipients/<contact>" of a delivery written straight to D1 (no send needed). */
export async function recipientPath(s: Seeded) {
  const campaignId = await newCampaign(s);
  const contactId = await newContact(s);
  await env.DB.prepare("INSERT INTO deliveries (campaign_id, contact_id, email, status) VALUES (?, ?, 'r@empresa.pe', 'queued')").bind(campaignId, contactId).run();
  return `${campaignId}/recipients/${contactId}`;
}
export const VALID_DEF = { match: "all", conditions: [{ type: "verdict", verdict: "valid" }] };
export async function newSegment(s: Seeded) {
  const res = await api("/segments", { key: s.users.owner.key, body: { name: `S${uniq()}`, definition: VALID_DEF } });
  return ((await res.json()) as { id: string }).id;
}
export async function newDomain(s: Seeded) {
  return ((await (await api("/domains", { key: s.users.owner.key, body: { domain: `r${uniq()}.gob.pe` } })).json()) as { id: string }).id;
}
export async function newImport(s: Seeded) {
  const res = await api(`/lists/${await newList(s)}/imports`, { method: "POST", key: s.users.owner.key, raw: csvForm("false") });
  return ((await res.json()) as { importId: string }).importId;
}

/** An export or export schedule of a campaign, created by `role` itself (others than owner and admin see only their own). */
export async function newExport(s: Seeded, role: Role) {
  const body = { kind: "campaign-recipients", format: "csv", params: { campaignId: await newCampaign(s) } };
  return ((await (await api("/exports", { key: s.users[role].key, body })).json()) as { id: string }).id;
}
export async function newSmsKeyword(s: Seeded) {
  const res = await api("/sms/keywords", { key: s.users.owner.key, body: { keyword: `K${uniq()}`, actions: { tag: "Rol" } } });
  return ((await res.json()) as { id: string }).id;
}
export const SMS_CONNECTION = { name: "Kannel", kind: "kannel", baseUrl: "http://127.0.0.1:9", sender: "PREGON" };
export const WEBHOOK = () => ({ url: `${env.TEST_WEBHOOK_URL}/roles`, events: ["opened"] });
export async function newWebhook(s: Seeded) {
  return ((await (await api("/webhooks", { key: s.users.owner.key, body: WEBHOOK() })).json()) as { id: string }).id;
}
export async function newSmsConnection(s: Seeded) {
  return ((await (await api("/sms/connections", { key: s.users.owner.key, body: SMS_CONNECTION })).json()) as { id: string }).id;
}
export async function newSms(s: Seeded) {
  return ((await (await api("/sms", { key: s.users.owner.key, body: { to: "987000114", text: "Hola" } })).json()) as { id: string }).id;
}
export function portabilityForm() {
  const form = new FormData();
  form.append("file", new File(["987000115,claro\n"], "p.csv"));
  return form;
}
export async function newExportSchedule(s: Seeded, role: Role) {
  const body = { kind: "monthly-report", format: "pdf", cadence: "monthly", hour: 6 };
  return ((await (await api("/export-schedules", { key: s.users[role].key, body })).json()) as { id: string }).id;
}

export const AUTOMATION = () => ({ name: `Auto ${uniq()}`, trigger: { type: "event", name: "rol" }, steps: [{ id: "marca", type: "tag", tag: "rol" }] });
export async function newAutomation(s: Seeded, active = false) {
  const id = ((await (await api("/automations", { key: s.users.owner.key, body: AUTOMATION() })).json()) as { id: string }).id;
  if (active) await api(`/automations/${id}/activate`, { method: "POST", key: s.users.owner.key });
  return id;
}
