/**
 * Phone number cleaning for SMS imports: normalise to E.164 and say whether the number can take
 * an SMS. Nearly every row of a Peruvian list is a mobile typed one of a few ways ("987 654 321",
 * "+51 987-654-321", "51987654321"), so those go through a fast path of one regex replace and
 * one match; everything else (landlines, foreign numbers, odd punctuation, extensions) is parsed
 * by libphonenumber-js with full metadata, which knows each number's type but is far slower.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Reason } from "./verdict";

export type PhoneCheck = {
  /** E.164 ("+51987654321"), or null when the number is not valid. */
  phone: string | null;
  /**
   * What kind of line it is, null when invalid. "OTHER" covers toll-free, VoIP, shared-cost and
   * the like, and also FIXED_LINE_OR_MOBILE (the US and Canada cannot be told apart by
   * number): use `reasons`, not `type`, to decide whether to send an SMS.
   */
  type: "MOBILE" | "FIXED_LINE" | "OTHER" | null;
  /** phone_invalid alone; or phone_foreign and/or phone_not_mobile; or empty. */
  reasons: Reason[];
};

// The separators people type inside a Peruvian mobile. Anything else (letters, "/", "ext")
// leaves the string unmatched and goes to the full parser.
const SEPARATORS = /[ \t\u00a0().-]/g;
// Optional country code as "+51", "51" or "0051" (00 is Peru's international prefix), then the
// nine-digit mobile: Peru's numbering plan makes every 9XXXXXXXX a mobile and nothing else.
const PE_MOBILE = /^(?:\+?51|0051)?(9\d{8})$/;
/** A guard far above any real number (E.164 is at most 15 digits) for huge cells. */
const MAX_INPUT = 64;

/**
 * The E.164 form of `raw` if it is a Peruvian mobile in one of the common shapes, else null
 * (which means "ask libphonenumber", not "invalid"). Exported so tests can hold it to agree
 * with libphonenumber-js on every number it accepts.
 * @example peruvianMobileFastPath("0051 987-654-321") // "+51987654321"
 * @example peruvianMobileFastPath("(01) 411-7000") // null
 */
export function peruvianMobileFastPath(raw: string): string | null {
  const match = PE_MOBILE.exec(raw.replace(SEPARATORS, ""));
  return match === null ? null : `+51${match[1]}`;
}

/**
 * Clean and check one phone number as typed in an import, Peru being the default country.
 * @example checkPhone("987 654 321") // { phone: "+51987654321", type: "MOBILE", reasons: [] }
 * @example checkPhone("(01) 411-7000") // { phone: "+5114117000", type: "FIXED_LINE", reasons: ["phone_not_mobile"] }
 * @example checkPhone("+1 202 555 0142").reasons // ["phone_foreign"]
 */
export function checkPhone(raw: string, defaultCountry: "PE" = "PE"): PhoneCheck {
  if (raw.length > MAX_INPUT) return { phone: null, type: null, reasons: ["phone_invalid"] };
  const mobile = peruvianMobileFastPath(raw);
  if (mobile !== null) return { phone: mobile, type: "MOBILE", reasons: [] };

  const parsed = parsePhoneNumberFromString(raw, defaultCountry);
  if (parsed === undefined || !parsed.isValid()) return { phone: null, type: null, reasons: ["phone_invalid"] };
  const kind = parsed.getType();
  const reasons: Reason[] = [];
  if (parsed.country !== defaultCountry) reasons.push("phone_foreign");
  // Only a number known to be unable to take SMS is refused: an undetermined type or
  // FIXED_LINE_OR_MOBILE may well be a mobile.
  if (kind !== undefined && kind !== "MOBILE" && kind !== "FIXED_LINE_OR_MOBILE") reasons.push("phone_not_mobile");
  const type = kind === "MOBILE" || kind === "FIXED_LINE" ? kind : "OTHER";
  return { phone: parsed.number, type, reasons };
}
