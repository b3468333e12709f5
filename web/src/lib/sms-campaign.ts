/**
 * What the dashboard tells about an SMS campaign before it is sent: how many contacts its
 * audience reaches by SMS (lists' SMS-reachable counts; segments' counts, an upper bound) and
 * the credits that will be deducted (segments of the text with its links as short links, × the
 * contacts; merge fields can lengthen a message, so it is an estimate, "~").
 */
import { t } from "../i18n";
import type { CampaignOut, ListOut, SegmentOut } from "./api";
import { pauseReasonText } from "./email";
import { composerStats } from "./sms";

/** The origin campaign short links are made under (the Worker serves /s/ beside the dashboard). */
export const campaignLinkBase = (): string => location.origin;

/**
 * Contacts the audience reaches by SMS, and whether that number is approximate.
 * @example smsReach({ listIds: ["l1"], segmentIds: [] }, [{ id: "l1", counts: { sms: 40 } }], []) // { count: 40, approx: false }
 */
export function smsReach(audience: { listIds: string[]; segmentIds: string[] }, lists: ListOut[], segments: SegmentOut[]): { count: number; approx: boolean } {
  const count = audience.listIds.reduce((n, id) => n + (lists.find((x) => x.id === id)?.counts.sms ?? 0), 0) + audience.segmentIds.reduce((n, id) => n + (segments.find((x) => x.id === id)?.count ?? 0), 0);
  return { count, approx: audience.segmentIds.length > 0 || audience.listIds.length > 1 };
}

/**
 * The confirmation lines of sending an SMS campaign: "Se enviará a N contactos; se descontarán ~M créditos".
 * @example smsSendEstimate(c, 120) // { count: 120, credits: 240 } for a two-segment text
 */
export function smsSendEstimate(c: Pick<CampaignOut, "text">, count: number, base: string = campaignLinkBase()): { count: number; credits: number } {
  return { count, credits: composerStats(c.text ?? "", { linkBase: base, recipients: count }).credits };
}

/** At most this many numbers get one test of an SMS campaign (the API's limit). */
export const MAX_TEST_NUMBERS = 5;

/**
 * The numbers typed for a test SMS: split on commas, semicolons and new lines (spaces stay, as
 * in "987 654 321"), each checked as a Peruvian mobile (9 and eight digits, with or without +51);
 * the server checks again. `bad` is the first that is not one, as typed.
 * @example parseTestNumbers("987 654 321, +51 912-345-678") // { numbers: ["987 654 321", "+51 912-345-678"], bad: null }
 * @example parseTestNumbers("987654321; (01) 411-7000") // { numbers: ["987654321", "(01) 411-7000"], bad: "(01) 411-7000" }
 */
export function parseTestNumbers(input: string): { numbers: string[]; bad: string | null } {
  const numbers = input
    .split(/[,;\n]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  const mobile = (n: string) => /^9\d{8}$/.test(n.replace(/[\s().-]/g, "").replace(/^(\+?51)(?=9\d{8}$)/, ""));
  return { numbers, bad: numbers.find((n) => !mobile(n)) ?? null };
}

/**
 * The credits a test costs: the segments of "[Prueba] " + the text (links as short links) per number.
 * @example smsTestEstimate("Hola", 2, "https://p.pe") // 2
 */
export function smsTestEstimate(text: string, numbers: number, base: string = campaignLinkBase()): number {
  return composerStats(`[Prueba] ${text}`, { linkBase: base, recipients: numbers }).credits;
}

/**
 * Why a campaign paused or failed, in words, for its channel: an SMS campaign's own reasons
 * (its credit ran out mid-way, S8; nobody reachable by SMS), else the email wording.
 * @example campaignReasonText({ channel: "sms", pauseReason: "credit_exhausted" }) // "Se acabó el saldo de SMS…"
 */
export function campaignReasonText(c: Pick<CampaignOut, "channel" | "pauseReason">): string | null {
  if (c.channel === "sms" && c.pauseReason === "credit_exhausted") return t("smsCamp.reason.credit_exhausted");
  if (c.channel === "sms" && c.pauseReason === "empty_audience") return t("smsCamp.reason.empty_audience");
  return pauseReasonText(c.pauseReason);
}
