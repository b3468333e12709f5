/**
 * GET /api/v1/campaigns/:id/live: authenticated like every API call (API key or session
 * cookie), campaigns.read, tenancy (another account's campaign is a 404), the upgrade handed to
 * the campaign's CampaignLive, whose first frame is the snapshot and whose updates follow.
 */
import { describe, expect, it } from "vitest";
import { api, errorOf, login, seedAccount, type Seeded } from "./helpers";
import { setup } from "./campaign-helpers";
import { listen, liveStub, until } from "./live-helpers";

const WS = { Upgrade: "websocket" };

async function campaignOf(s: Seeded): Promise<string> {
  const { key, draft } = await setup(s);
  const res = await api("/campaigns", { key, body: draft });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("GET /campaigns/:id/live", () => {
  it("upgrades for a viewer's API key; the first frame is the snapshot, then updates as increments arrive", async () => {
    const s = await seedAccount();
    const id = await campaignOf(s);
    await liveStub(id).apply({ key: "k1", at: Date.now(), delta: { sent: 2, opened: 1, openedUnique: 1 } });
    const l = listen(await api(`/campaigns/${id}/live`, { key: s.users.viewer.key, headers: WS }));
    const first = await until("snapshot", () => l.frames[0]);
    expect(first.type).toBe("snapshot");
    expect(first.counters).toMatchObject({ sent: 2, opened: 1, openedUnique: 1, clicked: 0 });
    await liveStub(id).apply({ key: "k2", at: Date.now(), delta: { clicked: 1, clickedUnique: 1, links: { "https://www.gob.pe/convocatoria": 1 } } });
    const update = await until("update", () => l.frames.find((f) => f.type === "update"));
    expect(update.counters).toMatchObject({ sent: 2, opened: 1, clicked: 1, links: { "https://www.gob.pe/convocatoria": 1 } });
    l.ws.close(1000);
  });

  it("upgrades for a session cookie (the dashboard's way)", async () => {
    const s = await seedAccount();
    const id = await campaignOf(s);
    const session = await login(s.users.editor.email);
    const l = listen(await api(`/campaigns/${id}/live`, { session, headers: WS }));
    expect((await until("snapshot", () => l.frames[0])).type).toBe("snapshot");
    l.ws.close(1000);
  });

  it("answers 401 without credentials, 404 for another account's or an unknown campaign, 426 without the upgrade", async () => {
    const a = await seedAccount();
    const b = await seedAccount();
    const id = await campaignOf(a);
    const anon = await api(`/campaigns/${id}/live`, { headers: WS });
    expect(anon.status).toBe(401);
    expect((await errorOf(anon)).code).toBe("unauthenticated");
    const other = await api(`/campaigns/${id}/live`, { key: b.users.owner.key, headers: WS });
    expect(other.status).toBe(404);
    expect((await errorOf(other)).code).toBe("not_found");
    expect((await api("/campaigns/nope/live", { key: a.users.owner.key, headers: WS })).status).toBe(404);
    const plain = await api(`/campaigns/${id}/live`, { key: a.users.owner.key });
    expect(plain.status).toBe(426);
    expect((await errorOf(plain)).code).toBe("upgrade_required");
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, { get?: { operationId: string; "x-permission": string } }> };
    expect(doc.paths["/api/v1/campaigns/{id}/live"]?.get).toMatchObject({ operationId: "campaignLive", "x-permission": "campaigns.read" });
  });
});
