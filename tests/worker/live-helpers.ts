/** Shared by the live-counter tests: a socket on a CampaignLive (or the API route) that records its frames. */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { LiveServerMessage } from "../../shared/live/protocol";

export type Listener = { ws: WebSocket; frames: LiveServerMessage[]; texts: string[] };

export function liveStub(campaignId: string) {
  return env.CAMPAIGN_LIVE.get(env.CAMPAIGN_LIVE.idFromName(campaignId));
}

/** Accepts the client end of an upgrade answer and records every frame it gets. */
export function listen(res: Response): Listener {
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const frames: LiveServerMessage[] = [];
  const texts: string[] = [];
  ws.addEventListener("message", (e) => {
    const data = e.data as string;
    if (data.startsWith("{")) frames.push(JSON.parse(data) as LiveServerMessage);
    else texts.push(data);
  });
  ws.accept();
  return { ws, frames, texts };
}

/** Polls `read` until it returns something other than undefined, or fails after `ms`. */
export async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
