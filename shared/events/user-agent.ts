/**
 * Device and mail client from a User-Agent, for the hourly buckets' "device" and "client"
 * dimensions. Coarse on purpose: a handful of names a report can show, "other" for the rest.
 * Image proxies hide the device, so they report "unknown" for it and the provider as client.
 */

export type Device = "mobile" | "tablet" | "desktop" | "unknown";
export type Client = "gmail" | "yahoo" | "apple_mail" | "outlook" | "thunderbird" | "chrome" | "safari" | "firefox" | "edge" | "other";

/**
 * @example deviceOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)") // "mobile"
 */
export function deviceOf(ua: string | null | undefined): Device {
  const s = ua ?? "";
  if (s === "" || /GoogleImageProxy|YahooMailProxy/i.test(s)) return "unknown";
  if (/iPad|Tablet/i.test(s) || (/Android/i.test(s) && !/Mobile/i.test(s))) return "tablet";
  if (/iPhone|iPod|Android|Mobile|Windows Phone/i.test(s)) return "mobile";
  // Case matters: "MiCROSoft" must not read as ChromeOS. Outlook's own UA is its desktop app.
  if (/Windows|Macintosh|Mac OS X|Linux|X11|CrOS|Microsoft Outlook|MSOffice/.test(s)) return "desktop";
  return "unknown";
}

/**
 * @example clientOf("Microsoft Outlook 16.0.17029; Microsoft Outlook 16.0.17029") // "outlook"
 */
export function clientOf(ua: string | null | undefined): Client {
  const s = ua ?? "";
  if (/GoogleImageProxy/i.test(s)) return "gmail";
  if (/YahooMailProxy/i.test(s)) return "yahoo";
  if (/Outlook|ms-office|MSOffice|Microsoft Office/i.test(s)) return "outlook";
  if (/Thunderbird/i.test(s)) return "thunderbird";
  if (/Edg\//.test(s)) return "edge";
  if (/Firefox\//.test(s)) return "firefox";
  if (/Chrome\/|CriOS\//.test(s)) return "chrome";
  if (/Version\/[\d.]+.*Safari\//.test(s)) return "safari";
  if (/AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)( Mobile\/\w+)?$/.test(s)) return "apple_mail";
  return "other";
}
