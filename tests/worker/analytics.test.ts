// The analytics routes (W3, R1f) through the Worker's own fetch: bucket rows written straight to
// D1 at chosen Lima weekdays and hours, so every value asserted is known by construction; one case
// goes through the real events consumer; tenancy (404 / another account's rows never counted).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { randomToken, sha256Hex } from "../../shared/auth/crypto";
import { api, seedAccount } from "./helpers";
import { deliver, ev, sentCampaign } from "./tracking-helpers";

const H = 3_600_000;
// Monday 1 June 2026, 14:00 UTC = 09:00 in Lima.
const H0 = Date.UTC(2026, 5, 1, 14);

async function campaign(accountId: string, startedAt: number | null): Promise<string> {
  const id = `cmp_${randomToken(8)}`;
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO campaigns (id, account_id, name, status, subject, from_name, from_address, html, text, audience, created_by, created_at, updated_at, started_at)
     VALUES (?, ?, 'Oferta', 'sent', 'Hola', 'Tienda', 'ofertas@empresa.pe', '<p>x</p>', 'x', '{"listIds":[],"segmentIds":[]}', 'usr_x', ?, ?, ?)`,
  )
    .bind(id, accountId, now, now, startedAt)
    .run();
  return id;
}

type Bucket = { hour: number; kind: string; machine?: number; dim?: string; value?: string; n: number; u?: number };
async function buckets(accountId: string, campaignId: string, rows: Bucket[]) {
  await env.DB.batch(
    rows.map((r) =>
      env.DB.prepare("INSERT INTO event_buckets (campaign_id, hour, kind, machine, dim, value, account_id, n, u) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").bind(campaignId, r.hour, r.kind, r.machine ?? 0, r.dim ?? "all", r.value ?? "", accountId, r.n, r.u ?? 0),
    ),
  );
}

type Analytics = {
  timeline72h: { hour: number; opens: number; clicks: number }[];
  daily: { day: string; opens: number; clicks: number }[];
  heatmap: { weekday: string; opens: number[] }[];
  peakHours: { hour: number; opens: number }[];
  machine: { opens: number; clicks: number };
};
const cells = (heatmap: Analytics["heatmap"]) => heatmap.flatMap((r) => r.opens.flatMap((n, h) => (n ? [`${r.weekday} ${h}:${n}`] : [])));

describe("GET /campaigns/:id/analytics", () => {
  it("gives the 72 h timeline, daily totals, Lima heatmap, peaks and machine counts from the buckets", async () => {
    const s = await seedAccount();
    const id = await campaign(s.accountId, H0 + 5 * 60_000);
    await buckets(s.accountId, id, [
      { hour: H0, kind: "sent", n: 50 },
      { hour: H0, kind: "open", n: 6, u: 5 }, // lunes 09:00
      { hour: H0, kind: "open", machine: 1, n: 9 },
      { hour: H0, kind: "open", dim: "device", value: "desktop", n: 6 }, // another dimension: not added again
      { hour: H0 + H, kind: "open", n: 2 }, // lunes 10:00
      { hour: H0 + H, kind: "click", n: 3 },
      { hour: H0 + H, kind: "click", machine: 1, n: 1 },
      { hour: H0 + 6 * H, kind: "open", n: 1 }, // lunes 15:00
      { hour: H0 + 24 * H, kind: "open", n: 4 }, // martes 09:00
      { hour: H0 + 96 * H, kind: "open", n: 2 }, // viernes 09:00, outside the 72 h
    ]);
    const other = await seedAccount();
    await buckets(other.accountId, `cmp_${randomToken(8)}`, [{ hour: H0, kind: "open", n: 100 }]);

    const res = await api(`/campaigns/${id}/analytics`, { key: s.users.viewer.key });
    expect(res.status).toBe(200);
    const a = (await res.json()) as Analytics;
    expect(a.timeline72h).toHaveLength(72);
    expect(a.timeline72h.slice(0, 3)).toEqual([
      { hour: H0, opens: 6, clicks: 0 },
      { hour: H0 + H, opens: 2, clicks: 3 },
      { hour: H0 + 2 * H, opens: 0, clicks: 0 },
    ]);
    expect(a.timeline72h.reduce((t, p) => t + p.opens, 0)).toBe(6 + 2 + 1 + 4);
    expect(a.daily).toEqual([
      { day: "2026-06-01", opens: 9, clicks: 3 },
      { day: "2026-06-02", opens: 4, clicks: 0 },
      { day: "2026-06-03", opens: 0, clicks: 0 },
      { day: "2026-06-04", opens: 0, clicks: 0 },
      { day: "2026-06-05", opens: 2, clicks: 0 },
    ]);
    expect(cells(a.heatmap)).toEqual(["lunes 9:6", "lunes 10:2", "lunes 15:1", "martes 9:4", "viernes 9:2"]);
    expect(a.peakHours).toEqual([
      { hour: 9, opens: 12 },
      { hour: 10, opens: 2 },
      { hour: 15, opens: 1 },
    ]);
    expect(a.machine).toEqual({ opens: 9, clicks: 1 });
  });

  it("is empty for a campaign without events, and 404 for another account's campaign", async () => {
    const s = await seedAccount();
    const id = await campaign(s.accountId, null);
    const a = (await (await api(`/campaigns/${id}/analytics`, { key: s.users.owner.key })).json()) as Analytics;
    expect(a.timeline72h).toEqual([]);
    expect(a.daily).toEqual([]);
    expect(a.peakHours).toEqual([]);
    expect(a.heatmap.map((r) => r.weekday)).toEqual(["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]);
    expect(cells(a.heatmap)).toEqual([]);
    const other = await seedAccount();
    const res = await api(`/campaigns/${id}/analytics`, { key: other.users.owner.key });
    expect(res.status).toBe(404);
  });

  it("counts what the events consumer recorded, machine opens apart", async () => {
    // Delivered Monday 1 June 2026 at 14:01 UTC (09:01 Lima); opens at 09:11 and 10:30 Lima.
    const s = await sentCampaign(["a@empresa.pe", "b@empresa.pe"], H0 + 60_000);
    await env.DB.prepare("UPDATE campaigns SET started_at = ? WHERE id = ?").bind(H0 + 60_000, s.campaignId).run();
    const key = `pk_${randomToken(24)}`;
    const userId = `usr_${randomToken(8)}`;
    await env.DB.batch([
      env.DB.prepare("INSERT INTO users (id, account_id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, 'O', 'owner', 'x', 0, 0)").bind(userId, s.accountId, `o${randomToken(4).toLowerCase()}@example.org`),
      env.DB.prepare("INSERT INTO api_keys (id, account_id, name, prefix, key_hash, role, created_by, created_at) VALUES (?, ?, 'k', ?, ?, 'owner', ?, 0)").bind(`key_${randomToken(8)}`, s.accountId, key.slice(0, 10), await sha256Hex(key), userId),
    ]);
    const result = await deliver([
      {
        id: `m${randomToken(6)}`,
        events: [
          ev(s, 0, "open"), // sentAt + 10 min
          ev(s, 1, "open"),
          ev(s, 1, "open", { at: H0 + 90 * 60_000 }),
          ev(s, 0, "open", { at: H0 + 20 * 60_000, userAgent: "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html" }),
        ],
      },
    ]);
    expect(result.ackAll).toBe(true);
    const res = await api(`/campaigns/${s.campaignId}/analytics`, { key });
    expect(res.status).toBe(200);
    const a = (await res.json()) as Analytics;
    expect(a.timeline72h.slice(0, 2)).toEqual([
      { hour: H0, opens: 2, clicks: 0 },
      { hour: H0 + H, opens: 1, clicks: 0 },
    ]);
    expect(cells(a.heatmap)).toEqual(["lunes 9:2", "lunes 10:1"]);
    expect(a.machine).toEqual({ opens: 1, clicks: 0 });
  });
});

describe("GET /analytics/engagement", () => {
  it("adds the human opens of every campaign of the caller's account only", async () => {
    const s = await seedAccount();
    const c1 = await campaign(s.accountId, H0);
    const c2 = await campaign(s.accountId, H0 + 7 * 24 * H);
    await buckets(s.accountId, c1, [
      { hour: H0, kind: "open", n: 3 }, // lunes 09:00
      { hour: H0, kind: "open", machine: 1, n: 50 },
      { hour: H0 + 6 * H, kind: "open", n: 2 }, // lunes 15:00
      { hour: H0, kind: "click", n: 8 },
    ]);
    await buckets(s.accountId, c2, [
      { hour: H0 + 7 * 24 * H, kind: "open", n: 4 }, // the next lunes, 09:00
      { hour: H0 + 7 * 24 * H + 5 * H, kind: "open", n: 1 }, // lunes 14:00
      { hour: H0 + 7 * 24 * H + 14 * H, kind: "open", n: 1 }, // martes 8 June 04:00 UTC = lunes 23:00 Lima
    ]);
    const other = await seedAccount();
    await buckets(other.accountId, await campaign(other.accountId, H0), [{ hour: H0 + 6 * H, kind: "open", n: 100 }]);

    const res = await api("/analytics/engagement", { key: s.users.editor.key });
    expect(res.status).toBe(200);
    const e = (await res.json()) as Pick<Analytics, "heatmap" | "peakHours">;
    expect(cells(e.heatmap)).toEqual(["lunes 9:7", "lunes 14:1", "lunes 15:2", "lunes 23:1"]);
    expect(e.peakHours).toEqual([
      { hour: 9, opens: 7 },
      { hour: 15, opens: 2 },
      { hour: 14, opens: 1 },
    ]);
  });
});
