/**
 * Templates and campaigns through the API: compile errors at their line, unknown merge fields,
 * subjects, senders, audiences, schedules and edits while sending are refused clearly, and
 * nothing is sent.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";
import { MJML, setup } from "./campaign-helpers";

describe("templates", () => {
  it("compiles MJML on save, lists its merge fields, and reports errors at their line", async () => {
    const s = await seedAccount();
    const ok = await api("/templates", { key: s.users.editor.key, body: { name: "Aviso", source: MJML } });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { fields: string[] }).fields.sort()).toEqual(["empresa", "enlace_baja", "nombre"]);
    const broken = await api("/templates", { key: s.users.editor.key, body: { name: "Roto", source: "<mjml>\n<mj-body>\n<mj-section>\n<mj-colum><mj-text>x</mj-text></mj-colum>\n</mj-section>\n</mj-body>\n</mjml>" } });
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatchObject({ code: "invalid_template", field: "source", message: expect.stringMatching(/^source: line 4: /) });
    const merge = await api("/templates", { key: s.users.editor.key, body: { name: "Mal", source: "<mjml><mj-body><mj-section><mj-column>\n<mj-text>Hola {{nombre</mj-text></mj-column></mj-section></mj-body></mjml>" } });
    expect(await errorOf(merge)).toMatchObject({ code: "invalid_template", message: expect.stringMatching(/^source: line 2: /) });
  });

  it("previews with a contact's data, escaping what the contact typed", async () => {
    const s = await seedAccount();
    const { templateId, key } = await setup(s);
    const res = await api("/contacts", { key, body: { email: "x@empresa.pe", firstName: "<script>alert(1)</script>", consent: { email: true } } });
    const id = ((await res.json()) as { id: number }).id;
    const p = (await (await api(`/templates/${templateId}/preview`, { key: s.users.viewer.key, body: { contactId: id } })).json()) as { html: string; text: string };
    expect(p.html).toContain("Hola &lt;script&gt;alert(1)&lt;/script&gt; de");
    expect(p.text).toContain("Hola <script>alert(1)</script> de");
  });
});

describe("campaigns: bad input", () => {
  it("refuses unknown merge fields, empty or overlong subjects and unverified senders, naming the field", async () => {
    const s = await seedAccount();
    const { key, draft } = await setup(s);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ subject: "Hola {{apodo}}" }, "subject", "unknown_merge_field"],
      [{ subject: "" }, "subject", "invalid_field"],
      [{ subject: "x".repeat(201) }, "subject", "invalid_field"],
      [{ fromAddress: "avisos@gmail.com" }, "fromAddress", "unverified_sender"],
      [{ audience: { listIds: [], segmentIds: [] } }, "audience", "invalid_field"],
      [{ templateId: "nope" }, "templateId", "not_found"],
    ];
    for (const [patch, field, code] of cases) {
      const res = await api("/campaigns", { key, body: { ...draft, ...patch } });
      expect(res.status, JSON.stringify(patch)).toBeGreaterThanOrEqual(400);
      expect(await errorOf(res), JSON.stringify(patch)).toMatchObject({ field, code });
    }
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM campaigns WHERE account_id = ?").bind(s.accountId).first("n")).toBe(0);
  });

  it("refuses a schedule in the past, an unknown zone, and an audience nobody in it can receive", async () => {
    const s = await seedAccount();
    const { key, draft } = await setup(s);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    expect(await errorOf(await api(`/campaigns/${id}/schedule`, { key, body: { at: "2020-01-01T09:00" } }))).toMatchObject({ field: "at" });
    expect(await errorOf(await api(`/campaigns/${id}/schedule`, { key, body: { at: "2030-01-01T09:00", timezone: "Lima/Peru" } }))).toMatchObject({ field: "timezone" });
    await api("/suppressions", { key, body: { kind: "domain", value: "empresa.pe", reason: "prueba" } });
    const res = await api(`/campaigns/${id}/send`, { method: "POST", key });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: "empty_audience" });
    expect(((await (await api(`/campaigns/${id}`, { key })).json()) as { status: string }).status).toBe("draft");
  });

  it("schedules at a Lima time, then refuses edits once it is sending, and lets a viewer or editor do neither", async () => {
    const s = await seedAccount();
    const { key, draft } = await setup(s);
    const id = ((await (await api("/campaigns", { key, body: draft })).json()) as { id: string }).id;
    expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.editor.key })).status).toBe(403);
    await api("/credits/allocations", { key: s.users.owner.key, body: { userId: s.users.sender.id, channel: "email", amount: 10 } });
    const sched = await api(`/campaigns/${id}/schedule`, { key, body: { at: "2030-06-01T09:30" } });
    expect(sched.status).toBe(200);
    expect(await sched.json()).toMatchObject({ status: "scheduled", scheduledAt: "2030-06-01T14:30:00.000Z", timezone: "America/Lima" });
    expect((await api(`/campaigns/${id}`, { method: "PATCH", key, body: { name: "Otro nombre" } })).status).toBe(200);
    await env.DB.prepare("UPDATE campaigns SET status = 'sending' WHERE id = ?").bind(id).run();
    const edit = await api(`/campaigns/${id}`, { method: "PATCH", key, body: { subject: "Cambio" } });
    expect(edit.status).toBe(409);
    expect(await errorOf(edit)).toMatchObject({ code: "conflict", message: "The campaign is sending: it cannot be edited" });
  });

  it("refuses to schedule beyond the sender's credit", async () => {
    const s = await seedAccount();
    const { draft } = await setup(s);
    // The sender has no allocation of its own: its sends come from its allocation, which is 0.
    const id = ((await (await api("/campaigns", { key: s.users.sender.key, body: draft })).json()) as { id: string }).id;
    const res = await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.sender.key });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "insufficient_credit" });
  });
});
