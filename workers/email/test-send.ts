/**
 * Test sends (W9): the campaign as it stands, rendered with a chosen contact's data (or sample
 * data), to up to five addresses, straight through the relay (no Queue, no credit), with
 * "[Prueba]" before the subject. Tracking tokens carry contact 0, so a tester's opens and clicks
 * never count as a recipient's. An account may send TEST_SENDS_PER_HOUR of them an hour.
 */
import type { MergeData } from "../../shared/email/merge";
import { renderFor, rendererFor } from "./render";
import { openMessenger } from "./transport";
import { sendBatch } from "./smtp";
import type { CampaignRow } from "./campaign-store";
import { claimWindows, releaseWindows } from "./send-windows";
import { windowsAt } from "../../shared/campaigns/throttle";

export const TEST_SENDS_PER_HOUR = 50;

export type TestResult = { to: string; status: "sent" | "rejected" | "deferred"; code: number | null; message: string };

/**
 * Count `n` test sends against this hour's allowance (the send-limit windows, so the cron prunes
 * them with the rest); returns what is left, or null (and counts nothing) when `n` does not fit.
 */
export async function claimTestSends(db: D1Database, accountId: string, n: number, now: number): Promise<number | null> {
  const claims = [{ scope: `test:${accountId}`, window: windowsAt(now).hour, limit: TEST_SENDS_PER_HOUR }];
  const granted = await claimWindows(db, claims, n);
  if (granted < n) {
    await releaseWindows(db, claims, granted); // all or nothing: a test goes to every address or to none
    return null;
  }
  const used = await db.prepare(`SELECT n FROM send_windows WHERE scope = ? AND "window" = ?`).bind(claims[0]!.scope, claims[0]!.window).first<number>("n");
  return TEST_SENDS_PER_HOUR - (used ?? n);
}

export async function sendTest(env: Env, campaign: CampaignRow, data: MergeData, to: string[]): Promise<TestResult[]> {
  // Its own subject, and a negative stamp so the prepared renderer never mixes with the real one.
  const renderer = await rendererFor(env, { ...campaign, subject: `[Prueba] ${campaign.subject}`, updated_at: -campaign.updated_at });
  const s = data.standard;
  const messages = await Promise.all(
    to.map((address, i) =>
      renderFor(renderer, {
        contact_id: 0,
        email: address,
        first_name: s.firstName ?? null,
        last_name: s.lastName ?? null,
        position: s.position ?? null,
        company: s.company ?? null,
        phone: s.phone ?? null,
        fields: JSON.stringify(data.custom),
      }).then((m) => ({ ...m, id: String(i) })),
    ),
  );
  const messenger = openMessenger(env);
  try {
    const results = await sendBatch(messenger, messages);
    return results.map((r, i) => ({ to: to[i]!, status: r.status === "accepted" ? "sent" : r.status, code: r.code || null, message: r.message.slice(0, 300) }));
  } finally {
    await messenger.close();
  }
}
