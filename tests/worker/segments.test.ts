/**
 * Segments by fields, custom fields, lists and engagement, counted live and paged.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, errorOf, seedAccount } from "./helpers";

describe("segments", () => {
  it("count, preview and page the contacts that match, and follow the data as it changes", async () => {
    const s = await seedAccount();
    const key = s.users.sender.key;
    const listId = ((await (await api("/lists", { key, body: { name: "Lima" } })).json()) as { id: string }).id;
    const people = [
      { email: "ana@ferreteria.pe", company: "Ferretería Andina SAC", fields: { region: "Lima", ventas: 120 }, listIds: [listId] },
      { email: "beto@obras.pe", company: "Obras EIRL", fields: { region: "Cusco", ventas: 80 } },
      { email: "carla@acero.pe", company: "Acero del Sur SAC", fields: { region: "Lima", ventas: 40 }, listIds: [listId] },
    ];
    for (const p of people) expect((await api("/contacts", { key, body: { ...p, consent: { email: true } } })).status).toBe(201);
    await env.DB.prepare("UPDATE contacts SET last_open_at = ? WHERE account_id = ? AND email = 'ana@ferreteria.pe'").bind(Date.now() - 3 * 86_400_000, s.accountId).run();

    const def = {
      match: "all",
      conditions: [
        { type: "field", field: "company", op: "contains", value: "sac" },
        { type: "field", field: "custom:ventas", op: "gt", value: 50 },
      ],
    };
    const preview = (await (await api("/segments/preview", { key: s.users.viewer.key, body: { definition: def } })).json()) as { count: number; sample: { email: string }[] };
    expect(preview).toMatchObject({ count: 1, sample: [{ email: "ana@ferreteria.pe" }] });

    const created = await api("/segments", { key, body: { name: "Lima activos", definition: { match: "all", conditions: [{ type: "list", listId, member: true }, { type: "engagement", event: "never_opened" }] } } });
    expect(created.status).toBe(201);
    const seg = (await created.json()) as { id: string; count: number };
    expect(seg.count).toBe(1);
    const members = (await (await api(`/segments/${seg.id}/contacts`, { key: s.users.viewer.key })).json()) as { contacts: { email: string }[] };
    expect(members.contacts.map((c) => c.email)).toEqual(["carla@acero.pe"]);

    // Carla opens: she leaves "never opened" at once.
    await env.DB.prepare("UPDATE contacts SET last_open_at = ? WHERE account_id = ? AND email = 'carla@acero.pe'").bind(Date.now(), s.accountId).run();
    expect(((await (await api(`/segments/${seg.id}`, { key })).json()) as { count: number }).count).toBe(0);

    const anyRegion = { match: "any", conditions: [{ type: "field", field: "custom:region", op: "eq", value: "cusco" }, { type: "engagement", event: "opened", days: 7 }] };
    const upd = (await (await api(`/segments/${seg.id}`, { method: "PATCH", key, body: { definition: anyRegion } })).json()) as { count: number };
    expect(upd.count).toBe(3);
    expect((await api(`/segments/${seg.id}`, { method: "DELETE", key })).status).toBe(200);
    expect((await api(`/segments/${seg.id}`, { key })).status).toBe(404);
  });

  it("refuses a definition naming another account's list or an unknown operator", async () => {
    const s = await seedAccount();
    const other = await seedAccount();
    const foreign = ((await (await api("/lists", { key: other.users.owner.key, body: { name: "Ajena" } })).json()) as { id: string }).id;
    const res = await api("/segments", { key: s.users.owner.key, body: { name: "x", definition: { match: "all", conditions: [{ type: "list", listId: foreign, member: true }] } } });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ field: "definition" });
    const bad = await api("/segments", { key: s.users.owner.key, body: { name: "x", definition: { match: "all", conditions: [{ type: "field", field: "company", op: "like", value: "%" }] } } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe("definition.conditions.0.op");
  });
});
