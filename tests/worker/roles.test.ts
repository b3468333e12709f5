/**
 * The role matrix (E3): every operation × every role gives exactly the expected status, and no
 * route reaches another account's data. The expectations are written out here, not derived
 * from the permission table they check.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api as app } from "../../workers/api/app";
import { operations, type Operation } from "../../shared/api/operations";
import { ROLES, type Role } from "../../shared/auth/roles";
import { api, errorOf, PASSWORD, seedAccount, type Seeded } from "./helpers";
import {
  victim, welcomeToken, throwawayKey, uniq, newList, newContact, csvForm, TINY_MJML, newTemplate, newCampaign, scheduledCampaign, sentCampaign, newSocialAccount, postableCampaign, recipientPath, VALID_DEF, newSegment, newDomain, newImport, newExport, newSmsKeyword, SMS_CONNECTION, WEBHOOK, newWebhook, newSmsConnection, newSms, portabilityForm, newExportSchedule, AUTOMATION, newAutomation,
} from "./resource-helpers";

type Case = { name: string; expect: Record<Role, number>; run: (s: Seeded, role: Role) => Promise<Response> };

const ownerAdmin = (ok: number): Record<Role, number> => ({ owner: ok, admin: ok, sender: 403, editor: 403, viewer: 403 });
const everyone = (ok: number): Record<Role, number> => ({ owner: ok, admin: ok, sender: ok, editor: ok, viewer: ok });
const editors = (ok: number): Record<Role, number> => ({ owner: ok, admin: ok, sender: ok, editor: 403, viewer: 403 });
const campaignEditors = (ok: number): Record<Role, number> => ({ owner: ok, admin: ok, sender: ok, editor: ok, viewer: 403 });

const cases: Case[] = [
  { name: "GET /me", expect: everyone(200), run: (s, r) => api("/me", { key: s.users[r].key }) },
  { name: "PATCH /me", expect: everyone(200), run: (s, r) => api("/me", { method: "PATCH", key: s.users[r].key, body: { locale: "en" } }) },
  { name: "POST /auth/password", expect: everyone(200), run: (s, r) => api("/auth/password", { key: s.users[r].key, body: { currentPassword: PASSWORD, newPassword: PASSWORD } }) },
  { name: "POST /auth/logout", expect: everyone(200), run: (s, r) => api("/auth/logout", { method: "POST", key: s.users[r].key }) },
  { name: "GET /users", expect: ownerAdmin(200), run: (s, r) => api("/users", { key: s.users[r].key }) },
  { name: "GET /users/:id", expect: ownerAdmin(200), run: (s, r) => api(`/users/${s.users.viewer.id}`, { key: s.users[r].key }) },
  {
    name: "POST /users",
    expect: ownerAdmin(201),
    run: (s, r) => api("/users", { key: s.users[r].key, body: { email: `n${r}${Date.now()}@example.org`, name: "Nuevo", role: "editor", password: PASSWORD } }),
  },
  { name: "GET /auth/password-token/:token", expect: everyone(404), run: () => api(`/auth/password-token/${crypto.randomUUID()}`) },
  { name: "POST /auth/set-password", expect: everyone(200), run: async (s) => api("/auth/set-password", { body: { token: await welcomeToken(s), password: PASSWORD } }) },
  { name: "PATCH /users/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/users/${await victim(s)}`, { method: "PATCH", key: s.users[r].key, body: { name: "Cambiado" } }) },
  { name: "POST /users/:id/welcome", expect: ownerAdmin(200), run: async (s, r) => api(`/users/${await victim(s)}/welcome`, { method: "POST", key: s.users[r].key }) },
  { name: "GET /api-keys", expect: ownerAdmin(200), run: (s, r) => api("/api-keys", { key: s.users[r].key }) },
  { name: "POST /api-keys", expect: ownerAdmin(201), run: (s, r) => api("/api-keys", { key: s.users[r].key, body: { name: "k", role: "viewer" } }) },
  { name: "DELETE /api-keys/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/api-keys/${await throwawayKey(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /credits", expect: everyone(200), run: (s, r) => api("/credits", { key: s.users[r].key }) },
  { name: "GET /credits/history", expect: everyone(200), run: (s, r) => api("/credits/history", { key: s.users[r].key }) },
  {
    name: "POST /credits/allocations",
    expect: ownerAdmin(200),
    run: (s, r) => api("/credits/allocations", { key: s.users[r].key, body: { userId: s.users.sender.id, channel: "email", amount: 1 } }),
  },
  {
    name: "POST /credits/bags",
    expect: { owner: 201, admin: 403, sender: 403, editor: 403, viewer: 403 },
    run: (s, r) => api("/credits/bags", { key: s.users[r].key, body: { channel: "sms", amount: 10 } }),
  },
  { name: "GET /lists", expect: everyone(200), run: (s, r) => api("/lists", { key: s.users[r].key }) },
  { name: "POST /lists", expect: editors(201), run: (s, r) => api("/lists", { key: s.users[r].key, body: { name: "Nueva" } }) },
  { name: "GET /lists/:id", expect: everyone(200), run: async (s, r) => api(`/lists/${await newList(s)}`, { key: s.users[r].key }) },
  { name: "PATCH /lists/:id", expect: editors(200), run: async (s, r) => api(`/lists/${await newList(s)}`, { method: "PATCH", key: s.users[r].key, body: { name: "Otra" } }) },
  { name: "DELETE /lists/:id", expect: editors(200), run: async (s, r) => api(`/lists/${await newList(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "POST /lists/:id/validate", expect: editors(200), run: async (s, r) => api(`/lists/${await newList(s)}/validate`, { method: "POST", key: s.users[r].key }) },
  { name: "GET /lists/:id/cleaning", expect: everyone(200), run: async (s, r) => api(`/lists/${await newList(s)}/cleaning`, { key: s.users[r].key }) },
  { name: "POST /lists/:id/imports", expect: editors(202), run: async (s, r) => api(`/lists/${await newList(s)}/imports`, { method: "POST", key: s.users[r].key, raw: csvForm() }) },
  { name: "GET /lists/:id/imports", expect: everyone(200), run: async (s, r) => api(`/lists/${await newList(s)}/imports`, { key: s.users[r].key }) },
  { name: "GET /imports/:id", expect: everyone(200), run: async (s, r) => api(`/imports/${await newImport(s)}`, { key: s.users[r].key }) },
  { name: "POST /imports/:id/start", expect: editors(202), run: async (s, r) => api(`/imports/${await newImport(s)}/start`, { key: s.users[r].key, body: { mapping: ["email"] } }) },
  { name: "DELETE /imports/:id", expect: editors(200), run: async (s, r) => api(`/imports/${await newImport(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /imports/:id/report.csv", expect: everyone(200), run: async (s, r) => api(`/imports/${await newImport(s)}/report.csv`, { key: s.users[r].key }) },
  { name: "GET /segments", expect: everyone(200), run: (s, r) => api("/segments", { key: s.users[r].key }) },
  { name: "POST /segments", expect: editors(201), run: (s, r) => api("/segments", { key: s.users[r].key, body: { name: "S", definition: VALID_DEF } }) },
  { name: "POST /segments/preview", expect: everyone(200), run: (s, r) => api("/segments/preview", { key: s.users[r].key, body: { definition: VALID_DEF } }) },
  { name: "GET /segments/:id", expect: everyone(200), run: async (s, r) => api(`/segments/${await newSegment(s)}`, { key: s.users[r].key }) },
  { name: "PATCH /segments/:id", expect: editors(200), run: async (s, r) => api(`/segments/${await newSegment(s)}`, { method: "PATCH", key: s.users[r].key, body: { name: "T" } }) },
  { name: "DELETE /segments/:id", expect: editors(200), run: async (s, r) => api(`/segments/${await newSegment(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /segments/:id/contacts", expect: everyone(200), run: async (s, r) => api(`/segments/${await newSegment(s)}/contacts`, { key: s.users[r].key }) },
  { name: "GET /fields", expect: everyone(200), run: (s, r) => api("/fields", { key: s.users[r].key }) },
  { name: "POST /fields", expect: editors(201), run: (s, r) => api("/fields", { key: s.users[r].key, body: { key: `f${uniq().replace(/-/g, "")}`.toLowerCase().replace(/[^a-z0-9_]/g, "x"), label: "F", type: "text" } }) },
  {
    name: "PATCH /fields/:key",
    expect: editors(200),
    run: async (s, r) => {
      const k = `f${uniq()}`.toLowerCase().replace(/[^a-z0-9_]/g, "x");
      await api("/fields", { key: s.users.owner.key, body: { key: k, label: "F", type: "text" } });
      return api(`/fields/${k}`, { method: "PATCH", key: s.users[r].key, body: { label: "G" } });
    },
  },
  { name: "GET /contacts", expect: everyone(200), run: (s, r) => api("/contacts", { key: s.users[r].key }) },
  { name: "POST /contacts", expect: editors(201), run: (s, r) => api("/contacts", { key: s.users[r].key, body: { email: `n${uniq()}@empresa.pe`, consent: { email: true } } }) },
  { name: "GET /contacts/:id", expect: everyone(200), run: async (s, r) => api(`/contacts/${await newContact(s)}`, { key: s.users[r].key }) },
  { name: "PATCH /contacts/:id", expect: editors(200), run: async (s, r) => api(`/contacts/${await newContact(s)}`, { method: "PATCH", key: s.users[r].key, body: { firstName: "Ana" } }) },
  { name: "DELETE /contacts/:id", expect: editors(200), run: async (s, r) => api(`/contacts/${await newContact(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /suppressions", expect: everyone(200), run: (s, r) => api("/suppressions", { key: s.users[r].key }) },
  { name: "POST /suppressions", expect: editors(201), run: (s, r) => api("/suppressions", { key: s.users[r].key, body: { kind: "domain", value: `${uniq()}.pe`, reason: "pedido" } }) },
  {
    name: "POST /suppressions/remove",
    expect: editors(200),
    run: async (s, r) => {
      const value = `${uniq()}@empresa.pe`;
      await api("/suppressions", { key: s.users.owner.key, body: { kind: "email", value, reason: "x" } });
      return api("/suppressions/remove", { key: s.users[r].key, body: { kind: "email", value } });
    },
  },
  {
    name: "POST /suppressions/import",
    expect: editors(200),
    run: (s, r) => api("/suppressions/import", { method: "POST", key: s.users[r].key, raw: `${uniq()}@empresa.pe\n`, headers: { "Content-Type": "text/csv" } }),
  },
  { name: "GET /suppressions/export.csv", expect: everyone(200), run: (s, r) => api("/suppressions/export.csv", { key: s.users[r].key }) },
  { name: "GET /branding", expect: everyone(200), run: (s, r) => api("/branding", { key: s.users[r].key }) },
  { name: "PATCH /branding", expect: ownerAdmin(200), run: (s, r) => api("/branding", { method: "PATCH", key: s.users[r].key, body: { primaryColor: "#123456" } }) },
  { name: "GET /templates/gallery", expect: everyone(200), run: (s, r) => api("/templates/gallery", { key: s.users[r].key }) },
  { name: "GET /templates", expect: everyone(200), run: (s, r) => api("/templates", { key: s.users[r].key }) },
  { name: "POST /templates", expect: campaignEditors(201), run: (s, r) => api("/templates", { key: s.users[r].key, body: { name: "T", source: TINY_MJML } }) },
  { name: "GET /templates/:id", expect: everyone(200), run: async (s, r) => api(`/templates/${await newTemplate(s)}`, { key: s.users[r].key }) },
  { name: "PATCH /templates/:id", expect: campaignEditors(200), run: async (s, r) => api(`/templates/${await newTemplate(s)}`, { method: "PATCH", key: s.users[r].key, body: { name: "U" } }) },
  { name: "POST /templates/:id/duplicate", expect: campaignEditors(201), run: async (s, r) => api(`/templates/${await newTemplate(s)}/duplicate`, { method: "POST", key: s.users[r].key }) },
  { name: "DELETE /templates/:id", expect: campaignEditors(200), run: async (s, r) => api(`/templates/${await newTemplate(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "POST /templates/:id/preview", expect: everyone(200), run: async (s, r) => api(`/templates/${await newTemplate(s)}/preview`, { key: s.users[r].key, body: {} }) },
  { name: "GET /campaigns", expect: everyone(200), run: (s, r) => api("/campaigns", { key: s.users[r].key }) },
  {
    name: "POST /campaigns",
    expect: campaignEditors(201),
    run: async (s, r) => api("/campaigns", { key: s.users[r].key, body: { name: "C", subject: "Hola", fromName: "A", fromAddress: "avisos@empresa.pe", templateId: await newTemplate(s), audience: { listIds: [await newList(s)], segmentIds: [] } } }),
  },
  { name: "GET /campaigns/:id", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}`, { key: s.users[r].key }) },
  { name: "PATCH /campaigns/:id", expect: campaignEditors(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}`, { method: "PATCH", key: s.users[r].key, body: { name: "D" } }) },
  { name: "POST /campaigns/:id/schedule", expect: { owner: 200, admin: 200, sender: 409, editor: 403, viewer: 403 }, run: async (s, r) => api(`/campaigns/${await newCampaign(s, true)}/schedule`, { key: s.users[r].key, body: { at: "2035-01-01T09:00" } }) },
  {
    name: "POST /campaigns/:id/send",
    expect: { owner: 200, admin: 200, sender: 409, editor: 403, viewer: 403 },
    // The sender has no credit of its own (its allocation is 0): allowed, but refused for credit.
    run: async (s, r) => api(`/campaigns/${await newCampaign(s, true)}/send`, { method: "POST", key: s.users[r].key }),
  },
  { name: "POST /campaigns/:id/pause", expect: editors(200), run: async (s, r) => api(`/campaigns/${await scheduledCampaign(s)}/pause`, { method: "POST", key: s.users[r].key }) },
  {
    name: "POST /campaigns/:id/resume",
    expect: editors(200),
    run: async (s, r) => {
      const id = await scheduledCampaign(s);
      await api(`/campaigns/${id}/pause`, { method: "POST", key: s.users.owner.key });
      return api(`/campaigns/${id}/resume`, { method: "POST", key: s.users[r].key });
    },
  },
  { name: "POST /campaigns/:id/cancel", expect: editors(200), run: async (s, r) => api(`/campaigns/${await scheduledCampaign(s)}/cancel`, { method: "POST", key: s.users[r].key }) },
  {
    name: "POST /campaigns/:id/resend-unknown",
    // Allowed roles get past the guard to the state check: a draft has nothing to re-send.
    expect: { owner: 409, admin: 409, sender: 409, editor: 403, viewer: 403 },
    run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/resend-unknown`, { method: "POST", key: s.users[r].key }),
  },
  { name: "POST /campaigns/:id/test", expect: campaignEditors(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/test`, { key: s.users[r].key, body: { to: ["prueba@example.org"] } }) },
  {
    // An SMS test costs credit: only who may send (the sender with none allocated still gets 200, its number refused per result).
    name: "POST /campaigns/:id/test (SMS)",
    expect: editors(200),
    run: async (s, r) => {
      const listId = await newList(s);
      const c = await api("/campaigns", { key: s.users.owner.key, body: { channel: "sms", name: "S", text: "Hola {{nombre}}", audience: { listIds: [listId], segmentIds: [] } } });
      return api(`/campaigns/${((await c.json()) as { id: string }).id}/test`, { key: s.users[r].key, body: { numbers: ["987000115"] } });
    },
  },
  { name: "POST /campaigns/:id/preview", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/preview`, { key: s.users[r].key, body: {} }) },
  { name: "GET /domains", expect: everyone(200), run: (s, r) => api("/domains", { key: s.users[r].key }) },
  { name: "POST /domains", expect: ownerAdmin(201), run: (s, r) => api("/domains", { key: s.users[r].key, body: { domain: `n${uniq()}.gob.pe` } }) },
  { name: "GET /domains/:id", expect: everyone(200), run: async (s, r) => api(`/domains/${await newDomain(s)}`, { key: s.users[r].key }) },
  { name: "POST /domains/:id/check", expect: ownerAdmin(200), run: async (s, r) => api(`/domains/${await newDomain(s)}/check`, { method: "POST", key: s.users[r].key }) },
  { name: "DELETE /domains/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/domains/${await newDomain(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /sending/limits", expect: everyone(200), run: (s, r) => api("/sending/limits", { key: s.users[r].key }) },
  { name: "PUT /sending/limits", expect: ownerAdmin(200), run: (s, r) => api("/sending/limits", { method: "PUT", key: s.users[r].key, body: { perProviderPerHour: { gmail: 1000 } } }) },
  { name: "GET /campaigns/:id/throttle", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/throttle`, { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/analytics", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/analytics`, { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/sms-operators", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/sms-operators`, { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/sms-recipients", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/sms-recipients`, { key: s.users[r].key }) },
  { name: "GET /analytics/engagement", expect: everyone(200), run: (s, r) => api("/analytics/engagement", { key: s.users[r].key }) },
  { name: "GET /reports/monthly", expect: everyone(200), run: (s, r) => api("/reports/monthly", { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/recipients", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/recipients?filter=opened`, { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/recipients/:contactId", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await recipientPath(s)}`, { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/recipients.csv", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/recipients.csv`, { key: s.users[r].key }) },
  { name: "GET /campaigns/:id/events.csv", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await newCampaign(s)}/events.csv?lang=en`, { key: s.users[r].key }) },
  {
    name: "GET /campaigns/:id/live",
    expect: everyone(101),
    run: async (s, r) => {
      const res = await api(`/campaigns/${await newCampaign(s)}/live`, { key: s.users[r].key, headers: { Upgrade: "websocket" } });
      res.webSocket?.accept();
      res.webSocket?.close(1000);
      return res;
    },
  },
  { name: "POST /exports", expect: everyone(202), run: async (s, r) => api("/exports", { key: s.users[r].key, body: { kind: "campaign-events", format: "csv", params: { campaignId: await newCampaign(s) } } }) },
  { name: "GET /exports", expect: everyone(200), run: (s, r) => api("/exports", { key: s.users[r].key }) },
  { name: "GET /exports/:id", expect: everyone(200), run: async (s, r) => api(`/exports/${await newExport(s, r)}`, { key: s.users[r].key }) },
  { name: "DELETE /exports/:id", expect: everyone(200), run: async (s, r) => api(`/exports/${await newExport(s, r)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "POST /export-schedules", expect: everyone(201), run: (s, r) => api("/export-schedules", { key: s.users[r].key, body: { kind: "monthly-report", format: "csv", cadence: "weekly", hour: 7 } }) },
  { name: "GET /export-schedules", expect: everyone(200), run: (s, r) => api("/export-schedules", { key: s.users[r].key }) },
  { name: "DELETE /export-schedules/:id", expect: everyone(200), run: async (s, r) => api(`/export-schedules/${await newExportSchedule(s, r)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /sms/inbox", expect: everyone(200), run: (s, r) => api("/sms/inbox", { key: s.users[r].key }) },
  { name: "GET /sms/inbox/:number", expect: everyone(200), run: (s, r) => api("/sms/inbox/%2B51987000111", { key: s.users[r].key }) },
  {
    name: "POST /sms/inbox/:number/reply",
    // The sender may reply, but its own allocation of SMS credit is 0.
    expect: { owner: 202, admin: 202, sender: 409, editor: 403, viewer: 403 },
    run: (s, r) => api("/sms/inbox/987000112/reply", { key: s.users[r].key, body: { text: "Gracias" } }),
  },
  { name: "GET /sms/keywords", expect: everyone(200), run: (s, r) => api("/sms/keywords", { key: s.users[r].key }) },
  { name: "POST /sms/keywords", expect: ownerAdmin(201), run: (s, r) => api("/sms/keywords", { key: s.users[r].key, body: { keyword: `K${uniq()}`, actions: { reply: "Hola" } } }) },
  { name: "DELETE /sms/keywords/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/sms/keywords/${await newSmsKeyword(s)}`, { method: "DELETE", key: s.users[r].key }) },
  {
    name: "POST /sms",
    // The sender pays from its own allocation: given one credit first.
    expect: { owner: 202, admin: 202, sender: 202, editor: 403, viewer: 403 },
    run: async (s, r) => {
      if (r === "sender") await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.sender.id, channel: "sms", amount: 1 } });
      return api("/sms", { key: s.users[r].key, body: { to: "987000113", text: "Hola" } });
    },
  },
  { name: "GET /sms/messages", expect: everyone(200), run: (s, r) => api("/sms/messages", { key: s.users[r].key }) },
  { name: "GET /sms/messages/:id", expect: everyone(200), run: async (s, r) => api(`/sms/messages/${await newSms(s)}`, { key: s.users[r].key }) },
  { name: "GET /sms/connections", expect: ownerAdmin(200), run: (s, r) => api("/sms/connections", { key: s.users[r].key }) },
  { name: "POST /sms/connections", expect: ownerAdmin(201), run: (s, r) => api("/sms/connections", { key: s.users[r].key, body: SMS_CONNECTION }) },
  { name: "PATCH /sms/connections/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/sms/connections/${await newSmsConnection(s)}`, { method: "PATCH", key: s.users[r].key, body: { priority: 2 } }) },
  { name: "DELETE /sms/connections/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/sms/connections/${await newSmsConnection(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /webhooks", expect: ownerAdmin(200), run: (s, r) => api("/webhooks", { key: s.users[r].key }) },
  { name: "POST /webhooks", expect: ownerAdmin(201), run: (s, r) => api("/webhooks", { key: s.users[r].key, body: WEBHOOK() }) },
  { name: "PATCH /webhooks/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/webhooks/${await newWebhook(s)}`, { method: "PATCH", key: s.users[r].key, body: { active: false } }) },
  { name: "DELETE /webhooks/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/webhooks/${await newWebhook(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "POST /webhooks/:id/test", expect: ownerAdmin(200), run: async (s, r) => api(`/webhooks/${await newWebhook(s)}/test`, { method: "POST", key: s.users[r].key }) },
  { name: "GET /webhooks/:id/deliveries", expect: ownerAdmin(200), run: async (s, r) => api(`/webhooks/${await newWebhook(s)}/deliveries`, { key: s.users[r].key }) },
  { name: "GET /archive", expect: ownerAdmin(200), run: (s, r) => api("/archive", { key: s.users[r].key }) },
  { name: "PUT /archive", expect: ownerAdmin(200), run: (s, r) => api("/archive", { method: "PUT", key: s.users[r].key, body: { slug: `a-${uniq().toLowerCase()}`, title: "Avisos", enabled: true } }) },
  { name: "POST /campaigns/:id/publish", expect: campaignEditors(200), run: async (s, r) => api(`/campaigns/${await sentCampaign(s)}/publish`, { method: "POST", key: s.users[r].key }) },
  { name: "DELETE /campaigns/:id/publish", expect: campaignEditors(200), run: async (s, r) => api(`/campaigns/${await sentCampaign(s)}/publish`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /social-accounts", expect: ownerAdmin(200), run: (s, r) => api("/social-accounts", { key: s.users[r].key }) },
  { name: "POST /social-accounts", expect: ownerAdmin(201), run: (s, r) => api("/social-accounts", { key: s.users[r].key, body: { network: "linkedin", name: "LI", target: "urn:li:organization:2414183", token: "tok" } }) },
  { name: "PATCH /social-accounts/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/social-accounts/${await newSocialAccount(s)}`, { method: "PATCH", key: s.users[r].key, body: { autoPublish: false } }) },
  { name: "DELETE /social-accounts/:id", expect: ownerAdmin(200), run: async (s, r) => api(`/social-accounts/${await newSocialAccount(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "GET /campaigns/:id/social", expect: everyone(200), run: async (s, r) => api(`/campaigns/${await sentCampaign(s)}/social`, { key: s.users[r].key }) },
  { name: "POST /campaigns/:id/social", expect: ownerAdmin(200), run: async (s, r) => api(`/campaigns/${await postableCampaign(s)}/social`, { key: s.users[r].key, body: {} }) },
  { name: "GET /sms/settings", expect: everyone(200), run: (s, r) => api("/sms/settings", { key: s.users[r].key }) },
  { name: "PUT /sms/settings", expect: ownerAdmin(200), run: (s, r) => api("/sms/settings", { method: "PUT", key: s.users[r].key, body: { segmentPolicy: "allow" } }) },
  { name: "POST /sms/portability", expect: ownerAdmin(200), run: (s, r) => api("/sms/portability", { key: s.users[r].key, raw: portabilityForm() }) },
  { name: "GET /sms/portability", expect: ownerAdmin(200), run: (s, r) => api("/sms/portability", { key: s.users[r].key }) },
  { name: "GET /automations", expect: everyone(200), run: (s, r) => api("/automations", { key: s.users[r].key }) },
  { name: "POST /automations", expect: campaignEditors(201), run: (s, r) => api("/automations", { key: s.users[r].key, body: AUTOMATION() }) },
  { name: "GET /automations/:id", expect: everyone(200), run: async (s, r) => api(`/automations/${await newAutomation(s)}`, { key: s.users[r].key }) },
  { name: "PATCH /automations/:id", expect: campaignEditors(200), run: async (s, r) => api(`/automations/${await newAutomation(s)}`, { method: "PATCH", key: s.users[r].key, body: { name: "Otro nombre" } }) },
  { name: "DELETE /automations/:id", expect: campaignEditors(200), run: async (s, r) => api(`/automations/${await newAutomation(s)}`, { method: "DELETE", key: s.users[r].key }) },
  { name: "POST /automations/:id/activate", expect: editors(200), run: async (s, r) => api(`/automations/${await newAutomation(s)}/activate`, { method: "POST", key: s.users[r].key }) },
  { name: "POST /automations/:id/pause", expect: editors(200), run: async (s, r) => api(`/automations/${await newAutomation(s, true)}/pause`, { method: "POST", key: s.users[r].key }) },
  { name: "GET /automations/:id/stats", expect: everyone(200), run: async (s, r) => api(`/automations/${await newAutomation(s)}/stats`, { key: s.users[r].key }) },
  { name: "GET /automations/:id/runs", expect: everyone(200), run: async (s, r) => api(`/automations/${await newAutomation(s)}/runs`, { key: s.users[r].key }) },
  { name: "POST /events", expect: editors(202), run: async (s, r) => api("/events", { key: s.users[r].key, body: { name: "rol", contact: { id: await newContact(s) } } }) },
  { name: "GET /audit", expect: ownerAdmin(200), run: (s, r) => api("/audit", { key: s.users[r].key }) },
  { name: "GET /health", expect: everyone(200), run: (s, r) => api("/health", { key: s.users[r].key }) },
  { name: "GET /openapi.json", expect: everyone(200), run: (s, r) => api("/openapi.json", { key: s.users[r].key }) },
];

describe("role matrix", () => {
  it("covers every operation of the API", () => {
    const covered = new Set(cases.map((c) => c.name));
    const all = Object.values(operations).filter((o) => o.path !== "/auth/login").map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(all.filter((o) => !covered.has(o))).toEqual([]);
  });

  it("mounts exactly the operations of the table, no more, no fewer", () => {
    const mounted = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path.replace(/\/$/, "") || "/"}`));
    const declared = new Set(Object.values(operations).map((o) => `${o.method.toUpperCase()} ${o.path}`));
    expect([...mounted].sort()).toEqual([...declared].sort());
  });

  it.each(cases)("$name gives each role its expected status", async (c) => {
    const s = await seedAccount();
    const got: Record<string, number> = {};
    for (const role of ROLES) got[role] = (await c.run(s, role)).status;
    expect(got).toEqual(c.expect);
  });

  it("answers 401 to every protected operation without credentials", async () => {
    for (const op of Object.values(operations) as Operation[]) {
      if (op.permission === null) continue;
      const res = await api(op.path.replace(":id", "x"), { method: op.method.toUpperCase(), ...(op.body ? { body: {} } : {}) });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthenticated");
    }
  });
});

describe("tenancy", () => {
  it("never reaches another account's users, keys, credits or audit entries", async () => {
    const a = await seedAccount();
    const b = await seedAccount();
    const bOwner = b.users.owner.key;
    expect((await api(`/users/${a.users.viewer.id}`, { key: bOwner })).status).toBe(404);
    expect((await api(`/users/${a.users.viewer.id}`, { method: "PATCH", key: bOwner, body: { name: "x" } })).status).toBe(404);
    expect((await api(`/api-keys/${a.users.viewer.keyId}`, { method: "DELETE", key: bOwner })).status).toBe(404);
    expect((await api("/credits/allocations", { key: bOwner, body: { userId: a.users.sender.id, channel: "email", amount: 5 } })).status).toBe(404);
    // Account A's viewer key still works: nothing of A was changed by B.
    expect((await api("/me", { key: a.users.viewer.key })).status).toBe(200);
    const users = (await (await api("/users", { key: bOwner })).json()) as { users: { id: string }[] };
    expect(users.users.map((u) => u.id).sort()).toEqual(Object.values(b.users).map((u) => u.id).sort());
    const aAudit = (await (await api("/audit", { key: a.users.owner.key })).json()) as { entries: unknown[] };
    const bAudit = (await (await api("/audit", { key: bOwner })).json()) as { entries: { actorEmail: string }[] };
    expect(bAudit.entries.every((e) => e.actorEmail.endsWith("@example.org") && Object.values(b.users).some((u) => u.email === e.actorEmail))).toBe(true);
    expect(aAudit.entries).toHaveLength(0);
    const credits = (await (await api("/credits", { key: a.users.owner.key })).json()) as { main: { email: { available: number } } };
    expect(credits.main.email.available).toBe(5000);
  });

  it("keeps an admin from managing admins or the owner, and anyone from editing themselves here", async () => {
    const s = await seedAccount();
    const admin = s.users.admin.key;
    expect((await api(`/users/${s.users.owner.id}`, { method: "PATCH", key: admin, body: { disabled: true } })).status).toBe(403);
    expect((await api("/users", { key: admin, body: { email: "a2@example.org", name: "A2", role: "admin", password: PASSWORD } })).status).toBe(403);
    expect((await api(`/users/${s.users.sender.id}`, { method: "PATCH", key: admin, body: { role: "admin" } })).status).toBe(403);
    expect((await api(`/users/${s.users.owner.id}`, { method: "PATCH", key: s.users.owner.key, body: { name: "x" } })).status).toBe(403);
    expect((await api("/api-keys", { key: admin, body: { name: "k", role: "admin" } })).status).toBe(201);
    expect((await api(`/users/${s.users.admin.id}`, { method: "PATCH", key: s.users.owner.key, body: { role: "viewer" } })).status).toBe(200);
  });
});
