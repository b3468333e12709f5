/**
 * Honest opens and clicks (B5): decides whether an open or a click was made by a machine rather
 * than a person, and by which rule. Apple Mail Privacy Protection fetches every image when mail
 * arrives, Gmail and Yahoo fetch images through their proxies, and security scanners fetch every
 * link seconds after delivery. Each decision names its rule, so reports can say why; a person
 * gets null. Pure: everything the rules need is passed in.
 */

export type MachineRule =
  | "apple_mpp"
  | "google_image_proxy"
  | "yahoo_image_proxy"
  | "scanner_user_agent"
  | "scanner_head_request"
  | "scanner_fast_click"
  | "scanner_click_before_open"
  | "no_user_agent";

export type MachineInput = {
  kind: "open" | "click";
  userAgent: string | null | undefined;
  /** HTTP method of the request (scanners often probe links with HEAD). */
  method?: string;
  /** The client's IPv4/IPv6 address when known (only at the endpoint, never stored). */
  ip?: string | null;
  /** When the event happened and when the message was accepted by the relay (deliveries.sent_at). */
  at: number;
  sentAt?: number | null;
  /** Whether a human open of this message is already known (deliveries.opened_at). */
  opened?: boolean;
};

/** A click this soon after delivery is a scanner: nobody reads and clicks that fast. */
export const FAST_CLICK_MS = 10_000;
/** A click with no open before it, this soon after delivery, is a scanner following every link. */
export const CLICK_BEFORE_OPEN_MS = 120_000;

const SCANNER_UA = /barracuda|mimecast|proofpoint|messagelabs|symantec|trendmicro|fortiguard|forcepoint|zscaler|sophos|cisco|ironport|safelinks|bitdefender|kaspersky|checkpoint|avanan|abnormal|python-requests|python-urllib|go-http-client|curl\/|wget\/|okhttp|java\/|libwww|httpclient|headlesschrome|phantomjs|slackbot|facebookexternalhit|twitterbot|linkedinbot|whatsapp|telegrambot|skypeuripreview|\bbot\b|crawler|spider|preview/i;
/** Apple Mail's own WebKit user agent without a browser token: what MPP's proxy sends. */
const APPLE_MAIL_UA = /^Mozilla\/5\.0 \((Macintosh|iPhone|iPad)[^)]*\) AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)$/;

/**
 * The rule that makes this open or click a machine's, or null for a person.
 * @example machineRule({ kind: "open", userAgent: "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", at: 0 }) // "google_image_proxy"
 * @example machineRule({ kind: "click", userAgent: "Mozilla/5.0 … Chrome/120 Safari/537.36", at: 5_000, sentAt: 0 }) // "scanner_fast_click"
 */
export function machineRule(e: MachineInput): MachineRule | null {
  const ua = (e.userAgent ?? "").trim();
  if (e.method === "HEAD") return "scanner_head_request";
  if (ua === "") return "no_user_agent";
  if (/GoogleImageProxy/i.test(ua)) return "google_image_proxy";
  if (/YahooMailProxy/i.test(ua)) return "yahoo_image_proxy";
  if (SCANNER_UA.test(ua)) return "scanner_user_agent";
  if (e.kind === "open" && (APPLE_MAIL_UA.test(ua) || isAppleIp(e.ip))) return "apple_mpp";
  if (e.kind === "click" && e.sentAt != null) {
    const after = e.at - e.sentAt;
    if (after < FAST_CLICK_MS) return "scanner_fast_click";
    if (!e.opened && after < CLICK_BEFORE_OPEN_MS) return "scanner_click_before_open";
  }
  return null;
}

/** Apple's own network, 17.0.0.0/8, where Mail Privacy Protection's image fetches come from. */
function isAppleIp(ip: string | null | undefined): boolean {
  return typeof ip === "string" && /^17\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}
