/**
 * CampaignLive: one per campaign (`idFromName(campaignId)`), the live counters of its dashboard
 * (B7). The events consumer calls `apply` with the increments of each batch of new events (a
 * repeated key counts once); dashboards connect through `GET /api/v1/campaigns/:id/live`, which
 * forwards the upgrade here. Sockets use the Hibernation API, so nothing about them is kept in
 * memory: the first frame is the snapshot, then changes are pushed at most once per
 * COALESCE_MS by an alarm, however many increments arrive meanwhile. Storage is LiveStore.
 */
import { DurableObject } from "cloudflare:workers";
import type { LiveCounters, LiveIncrement } from "../shared/events/types";
import { isValidIncrement, MINUTE_MS, type SeriesPoint } from "../shared/live/counters";
import { PING, PONG, assertNever, parseClientMessage, type LiveServerMessage } from "../shared/live/protocol";
import { LiveStore } from "./campaign-live-store";

/** Longest wait between an increment and the frame that shows it. */
export const COALESCE_MS = 250;

export class CampaignLive extends DurableObject<Env> {
  private readonly store: LiveStore;
  /** A cache of "an alarm is set": saves a storage read per increment; lost on eviction, harmlessly. */
  private alarmSet = false;
  private prunedAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new LiveStore(ctx.storage.sql, (fn) => ctx.storage.transactionSync(fn));
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /** The WebSocket upgrade, forwarded by the API route after authentication and tenancy checks. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    // Changes made while nobody listened are in the snapshot; later frames start from here.
    if (this.ctx.getWebSockets().length === 1) this.store.setMeta("sentVersion", this.store.meta("version"));
    pair[1].send(JSON.stringify(this.snapshotMessage()));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  /**
   * Counts one increment unless its key was applied before; `true` when it was new. A malformed
   * increment (a caller's bug) is logged and not counted: throwing would only make the events
   * Queue retry it forever, and D1 stays the record the counters can be rebuilt from.
   * @example await live.apply({ key: "batch-1", at: Date.now(), delta: { opened: 3, openedUnique: 2 } })
   */
  async apply(inc: LiveIncrement): Promise<boolean> {
    if (!isValidIncrement(inc)) {
      console.error("CampaignLive.apply: ignored a malformed increment (it needs a key, a time and whole numbers)", JSON.stringify(inc).slice(0, 500));
      return false;
    }
    const now = Date.now();
    const fresh = this.store.apply(inc, now);
    if (now - this.prunedAt > MINUTE_MS) {
      this.store.prune(now);
      this.prunedAt = now;
    }
    if (fresh && this.ctx.getWebSockets().length > 0 && !this.alarmSet) {
      this.alarmSet = true;
      if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(now + COALESCE_MS);
    }
    return fresh;
  }

  /** Counters and the per-minute series of the last 72 h. */
  async snapshot(): Promise<{ counters: LiveCounters; series: SeriesPoint[] }> {
    return { counters: this.store.counters(), series: this.store.series(Date.now()) };
  }

  /** Starting counters (e.g. rebuilt from D1), written only while nothing was counted here. */
  async seed(counters: LiveCounters): Promise<boolean> {
    return this.store.seed(counters);
  }

  /** The coalesced broadcast: current counters and the minutes changed since the last frame. */
  override async alarm(): Promise<void> {
    this.alarmSet = false;
    const { points, version } = this.store.changedSince(this.store.meta("sentVersion"));
    this.store.setMeta("sentVersion", version);
    const frame = JSON.stringify({ type: "update", at: Date.now(), counters: this.store.counters(), points } satisfies LiveServerMessage);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(frame);
      } catch {
        /* a socket closing right now; its close handler follows */
      }
    }
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const msg = parseClientMessage(message);
    if (!msg) return;
    switch (msg.type) {
      case "snapshot":
        ws.send(JSON.stringify(this.snapshotMessage()));
        return;
      default:
        assertNever(msg.type as never);
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      // 1005/1006 are not codes one may send back; answer those with a plain close.
      if (code === 1005 || code === 1006) ws.close();
      else ws.close(code, reason);
    } catch {
      /* already closed */
    }
  }

  override async webSocketError(): Promise<void> {
    /* the runtime closes the socket; there is no per-socket state to clean */
  }

  private snapshotMessage(): LiveServerMessage {
    const now = Date.now();
    return { type: "snapshot", at: now, counters: this.store.counters(), series: this.store.series(now) };
  }
}
