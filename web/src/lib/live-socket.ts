/**
 * The dashboard's end of a campaign's live socket: a reconnecting WebSocket (partysocket) to
 * `/api/v1/campaigns/:id/live`, authenticated by the session cookie it carries same-origin. Each
 * (re)connection starts with a snapshot, so nothing is missed across a reconnect. A "ping"
 * every 30 s keeps idle proxies from closing it (the server answers without waking up).
 */
import { WebSocket as ReconnectingWebSocket } from "partysocket";
import { PING, assertNever, type LiveServerMessage } from "../../../shared/live/protocol";

export type LiveStatus = "connecting" | "open" | "closed";
export type LiveHandlers = { frame: (msg: LiveServerMessage) => void; status: (s: LiveStatus) => void };

/** The socket URL of a campaign, on this page's host. */
export function liveUrl(campaignId: string): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/api/v1/campaigns/${encodeURIComponent(campaignId)}/live`;
}

/**
 * Opens the socket and returns the function that closes it for good.
 * @example onMount(() => onCleanup(openLiveSocket(liveUrl(id), { frame: show, status: setStatus })))
 */
export function openLiveSocket(url: string, on: LiveHandlers): () => void {
  const ws = new ReconnectingWebSocket(url, [], { minReconnectionDelay: 500, maxReconnectionDelay: 10_000 });
  on.status("connecting");
  ws.addEventListener("open", () => on.status("open"));
  ws.addEventListener("close", () => on.status("closed"));
  ws.addEventListener("message", (e: MessageEvent) => {
    if (typeof e.data !== "string" || !e.data.startsWith("{")) return;
    const msg = JSON.parse(e.data) as LiveServerMessage;
    switch (msg.type) {
      case "snapshot":
      case "update":
        on.frame(msg);
        return;
      default:
        assertNever(msg);
    }
  });
  const keepAlive = setInterval(() => {
    if (ws.readyState === ReconnectingWebSocket.OPEN) ws.send(PING);
  }, 30_000);
  return () => {
    clearInterval(keepAlive);
    ws.close(1000, "page closed");
  };
}
