/**
 * CampaignLive: one per campaign, live counters pushed to dashboards over hibernating
 * WebSockets. A skeleton until the tracking capability: it accepts a socket and sends a hello.
 */
import { DurableObject } from "cloudflare:workers";

export class CampaignLive extends DurableObject<Env> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket", { status: 426 });
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].send(JSON.stringify({ type: "hello" }));
    return new Response(null, { status: 101, webSocket: pair[0] });
  }
}
