/**
 * The increments CampaignLive is told for a batch of newly recorded events, from the consumer's
 * per-kind counts: human and machine opens and clicks apart, unique ones from `first`, clicks
 * per link for people only, an unsubscribe counted once per recipient. SMS kinds: a message
 * accepted counts as sent, its final receipt as delivered or failed, and a reply as a reply.
 */
import type { LiveIncrement } from "./types";

export type CountRow = { kind: string; machine: number; first: number; url: string | null; n: number };
export type LiveDelta = LiveIncrement["delta"];

/**
 * @example liveDelta([{ kind: "open", machine: 0, first: 1, url: null, n: 2 }]) // { opened: 2, openedUnique: 2 }
 */
export function liveDelta(rows: readonly CountRow[]): LiveDelta {
  const d: Record<string, number> = {};
  const links: Record<string, number> = {};
  const add = (k: string, n: number) => (d[k] = (d[k] ?? 0) + n);
  for (const r of rows) {
    switch (r.kind) {
      case "sent": case "sms_sent": add("sent", r.n); break;
      case "sms_delivered": add("delivered", r.n); break;
      case "sms_failed": add("failed", r.n); break;
      case "sms_reply": add("replies", r.n); break;
      case "open":
        if (r.machine) add("machineOpens", r.n);
        else {
          add("opened", r.n);
          if (r.first) add("openedUnique", r.n);
        }
        break;
      case "click":
        if (r.machine) add("machineClicks", r.n);
        else {
          add("clicked", r.n);
          if (r.first) add("clickedUnique", r.n);
          if (r.url) links[r.url] = (links[r.url] ?? 0) + r.n;
        }
        break;
      case "unsubscribe": if (r.first) add("unsubscribed", r.n); break;
      // A refusal at send time is a hard bounce too (B11); it was never "sent".
      case "bounce_hard": case "rejected": add("bouncedHard", r.n); break;
      case "bounce_soft": add("bouncedSoft", r.n); break;
      case "complaint": add("complaints", r.n); break;
      default: break; // views are not live counters
    }
  }
  return Object.keys(links).length ? { ...d, links } : d;
}
