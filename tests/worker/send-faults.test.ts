/**
 * A campaign through a relay that misbehaves (E4): down when the campaign starts (421
 * greetings), then a recipient refused for good (550), others deferred every time (451, 421 and
 * hang-up), one whose connection is cut in the middle of the body. The campaign still completes,
 * every good recipient is received exactly once (counted at the server), each failure is
 * reported with its code, and the credit debited equals what the relay accepted.
 * Retries are immediate here (EMAIL_RETRY_SECONDS=0 in vitest.config.ts).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, seedAccount } from "./helpers";
import { setup } from "./campaign-helpers";
import { MAX_ATTEMPTS } from "../../workers/queues/email";

const S = env.SMTP_TEST as { control: string; faults: number };
const control = async (body: object) => (await fetch(`${S.control}/control`, { method: "POST", body: JSON.stringify(body) })).json() as Promise<{ faultsGreeting421: number }>;
const receivedFor = async (t: string): Promise<{ rcptTo: string[] }[]> => (await fetch(`${S.control}/messages?to=${encodeURIComponent(t)}`)).json();

describe("send pipeline under relay faults", () => {
  it("completes, mails each good recipient exactly once, reports each failure, and debits only acceptances", async () => {
    const s = await seedAccount({ email: 100 });
    const t = `f${Date.now().toString(36)}`;
    const good = ["ana", "beto", "carla", "dora", "eva"].map((l) => `${l}@${t}.empresa.pe`);
    const bad = { bounce: `x.reject-550@${t}.empresa.pe`, defer: `y.defer-451@${t}.empresa.pe`, hangup: `z.close-421@${t}.empresa.pe`, cut: `w.drop-data@${t}.empresa.pe` };
    const { draft } = await setup(s, [...good, ...Object.values(bad)]);
    const created = await api("/campaigns", { key: s.users.owner.key, body: draft });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: string }).id;

    // The relay is down as the campaign starts: its first sessions are refused with 421. This
    // campaign goes to a relay of its own (the Worker reads SMTP_PORT when it opens a pool).
    const mainPort = (env as Env).SMTP_PORT;
    Object.assign(env, { SMTP_PORT: String(S.faults) });
    await control({ faultsGreeting421: 6 });
    try {
      expect((await api(`/campaigns/${id}/send`, { method: "POST", key: s.users.owner.key })).status).toBe(200);
      type View = { status: string; progress: { total: number; sent: number; failed: number } };
      let c: View = { status: "", progress: { total: 0, sent: 0, failed: 0 } };
      for (let i = 0; i < 600 && c.status !== "sent"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        c = (await (await api(`/campaigns/${id}`, { key: s.users.viewer.key })).json()) as View;
      }
      expect(c.status).toBe("sent");
      expect(c.progress).toMatchObject({ total: 9, sent: 5, failed: 4 });
      expect((await control({})).faultsGreeting421).toBe(0); // the relay really was down at first
    } finally {
      Object.assign(env, { SMTP_PORT: mainPort });
      await control({ faultsGreeting421: 0 });
    }

    // Each good recipient exactly once at the server; none of the failed ones got a whole message.
    const got = (await receivedFor(t)).flatMap((m) => m.rcptTo);
    expect(got.sort()).toEqual([...good].sort());

    const rows = await env.DB.prepare("SELECT email, status, code, attempts, detail FROM deliveries WHERE campaign_id = ? ORDER BY email")
      .bind(id)
      .all<{ email: string; status: string; code: number | null; attempts: number; detail: string }>();
    const byEmail = new Map(rows.results.map((r) => [r.email, r]));
    expect(byEmail.get(bad.bounce)).toMatchObject({ status: "bounced", code: 550 });
    expect(byEmail.get(bad.defer)).toMatchObject({ status: "failed", code: 451, attempts: MAX_ATTEMPTS });
    expect(byEmail.get(bad.hangup)).toMatchObject({ status: "failed", code: 421, attempts: MAX_ATTEMPTS });
    expect(byEmail.get(bad.cut)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    for (const g of good) expect(byEmail.get(g)?.status).toBe("sent");
    // The 550 is suppressed at once; the deferred ones are not (a 4xx says nothing about the address).
    const suppressed = await env.DB.prepare("SELECT value FROM suppressions WHERE account_id = ? ORDER BY value").bind(s.accountId).all<{ value: string }>();
    expect(suppressed.results.map((r) => r.value)).toEqual([bad.bounce]);

    const credits = (await (await api("/credits", { key: s.users.owner.key })).json()) as { main: { email: { available: number; reserved: number } } };
    expect(credits.main.email).toMatchObject({ available: 95, reserved: 0 });
  });
});
