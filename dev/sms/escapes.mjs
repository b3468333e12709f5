/**
 * Kannel's URL escapes, filled the way Kannel's smsbox fills them, so the local carrier
 * (dev/services/sms-carrier.mjs) calls a product's `dlr-url` and MO `get-url` as a real Kannel
 * would (compared with Debian's Kannel 1.4.5 by tests/e2e/sms-kannel.test.ts and
 * tests/e2e/sms-carrier.test.ts); kannel-conf.mjs gives the real Kannel the same MO query:
 *   %p sender of the SMS (in a DLR: the handset)   %P receiver (in a DLR: our sender id)
 *   %q / %Q the same with a leading "00" as "+"    %a all words, spaces squeezed   %b the text as is
 *   %k the first word   %t "YYYY-MM-DD HH:MM:SS" (UTC)   %T Unix seconds   %d DLR status bits
 *   %A SMSC reply ("ACK/", or the receipt text)      %F SMSC message id   %i smsc-id
 *   %I Kannel's message UUID   %c coding (0 7-bit, 1 8-bit, 2 UCS-2)   %C charset   %u UDH (hex)
 *   %n the sendsms-user / sms-service name
 * Values are form-encoded (space → "+"). Unknown escapes stay as they are; "%%" is a "%".
 *
 * Pure: no I/O.
 */

/** DLR status bits of Kannel's %d. */
export const DLR = { DELIVERED: 1, FAILED: 2, BUFFERED: 4, SMSC_ACK: 8, SMSC_REJECT: 16 };

/** Query of an MO URL configured without escapes of its own, for the real Kannel and the local carrier alike. */
export const MO_QUERY = "from=%p&to=%P&text=%a&coding=%c&charset=%C&smsc=%i&ts=%t&udh=%u";

/** Query of the default DLR URL, used when a sendsms asks for receipts without a dlr-url. */
export const DLR_QUERY = "status=%d&to=%p&from=%P&id=%F&reply=%A&ts=%T&smsc=%i";

/**
 * @example fillEscapes("http://h/dlr?s=%d&to=%p", { d: 1, p: "51987654321" })
 *   // → "http://h/dlr?s=1&to=51987654321"
 */
export function fillEscapes(template, values) {
  return template.replace(/%([%a-zA-Z])/g, (whole, key) => {
    if (key === "%") return "%";
    const value = derived(key, values);
    return value === undefined ? whole : formEncode(String(value));
  });
}

function derived(key, v) {
  switch (key) {
    case "a":
      return v.text === undefined ? undefined : v.text.trim().split(/\s+/).filter(Boolean).join(" ");
    case "b":
      return v.text;
    case "k":
      return v.text === undefined ? undefined : (v.text.trim().split(/\s+/)[0] ?? "");
    case "q":
      return v.p === undefined ? undefined : v.p.replace(/^00/, "+");
    case "Q":
      return v.P === undefined ? undefined : v.P.replace(/^00/, "+");
    case "t":
      return v.time === undefined ? undefined : v.time.toISOString().slice(0, 19).replace("T", " ");
    case "T":
      return v.time === undefined ? undefined : Math.floor(v.time.getTime() / 1000);
    default:
      return v[key];
  }
}

/** `url` as is when it already has escapes (besides %XX), else with `query` appended. */
export function withQuery(url, query) {
  if (/%[a-zA-Z]/.test(url.replace(/%[0-9a-fA-F]{2}/g, ""))) return url;
  return `${url}${url.includes("?") ? "&" : "?"}${query}`;
}

function formEncode(s) {
  return encodeURIComponent(s).replace(/%20/g, "+");
}
