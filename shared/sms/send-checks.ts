/**
 * What a single SMS must pass before it is queued (S2, S7): a text that is not empty and fits
 * the segment cap, and the account's single-segment policy: "enforce" refuses anything longer
 * than one segment, "confirm" takes it once the sender confirms, "allow" takes it. The count
 * comes from analyse(), the same rule the splitter sends by, so the segments checked are the
 * segments sent and charged. Pure; the API turns a problem into a 400 naming `text`.
 */
import { analyse, type SmsAnalysis } from "./encoding";

export type SegmentPolicy = "enforce" | "confirm" | "allow";
export const SEGMENT_POLICIES: readonly SegmentPolicy[] = ["enforce", "confirm", "allow"];
/** The default for an account that never chose: over one segment needs a confirmation. */
export const DEFAULT_SEGMENT_POLICY: SegmentPolicy = "confirm";
/** Most segments one SMS may take (the product's cap; 10 × 153 GSM-7 characters). */
export const MAX_SEGMENTS = 10;

export type TextCheck = { ok: true; analysis: SmsAnalysis } | { ok: false; field: "text"; code: string; reason: string; analysis: SmsAnalysis };

/**
 * Checks `text` against the cap and `policy`; `confirmed` is the sender's confirmation of a
 * multi-part message.
 * @example checkSmsText("Hola", "enforce", false).ok // true
 * @example checkSmsText("x".repeat(161), "confirm", false) // { ok: false, field: "text", code: "confirm_segments", reason: "is 2 segments: confirm sending more than one (confirmMultipart: true)", … }
 */
export function checkSmsText(text: string, policy: SegmentPolicy, confirmed: boolean): TextCheck {
  const analysis = analyse(text);
  const fail = (code: string, reason: string): TextCheck => ({ ok: false, field: "text", code, reason, analysis });
  if (text.trim() === "") return fail("empty_text", "must not be empty");
  const n = analysis.segments;
  if (n > MAX_SEGMENTS) return fail("too_many_segments", `is ${n} segments (${analysis.encoding}); at most ${MAX_SEGMENTS} are allowed`);
  if (n > 1 && policy === "enforce") return fail("single_segment_only", `is ${n} segments (${analysis.encoding}); this account sends single-segment messages only (${analysis.encoding === "GSM-7" ? 160 : 70} characters)`);
  if (n > 1 && policy === "confirm" && !confirmed) return fail("confirm_segments", `is ${n} segments: confirm sending more than one (confirmMultipart: true)`);
  return { ok: true, analysis };
}
