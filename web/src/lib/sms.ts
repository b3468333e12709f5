/**
 * What the SMS composer shows, computed without the DOM so it can be unit-tested: the live
 * counter (encoding, characters, segments, credits), the characters that force UCS-2 grouped the
 * way a person reads them, links as they will be counted once shortened, merge fields, the
 * account's single-segment policy, and "Negrita" on a selection. The counting itself is
 * shared/sms/encoding.ts's `analyse`, the same rule the Worker charges by, run on the text with
 * each link replaced by a short link of its final length (shared/sms/links.ts), because that is
 * what leaves. Only shared/sms modules are imported (pure, a few kB); no solid-js, no i18n.
 */
import { analyse, type ForcingChar, type ForcingKind, type SmsEncoding } from "../../../shared/sms/encoding";
import { findLinks, shortLinkUrl, SHORT_CODE_LENGTH, withPlaceholderLinks } from "../../../shared/sms/links";
import { fromBold, toBold } from "../../../shared/sms/bold";
import type { SegmentPolicy } from "./sms-types";

export type { SegmentPolicy };
export const SEGMENT_POLICIES: readonly SegmentPolicy[] = ["enforce", "confirm", "allow"];

/** The send path refuses more than this many segments per message (GET /sms/settings says so too, as maxSegments). */
export const MAX_SEGMENTS = 10;

/** A link in the text, its short form as shown ("https://p.pe/s/…") and the length it is counted at. */
export type ComposerLink = { url: string; short: string; length: number };

export type ComposerStats = {
  encoding: SmsEncoding;
  characters: number;
  /** Septets or UTF-16 units, as counted against `perSegment`. */
  units: number;
  segments: number;
  perSegment: number;
  /** segments × recipients: one credit per segment per recipient. */
  credits: number;
  forcing: ForcingChar[];
  links: ComposerLink[];
  /** Merge field names in order of appearance, each once ({{nombre}} → "nombre"). */
  mergeFields: string[];
};

const MERGE = /\{\{\{?\s*([^{}|]+?)\s*(?:\|[^{}]*)?\}\}\}?/g;

/**
 * The counter of `text` as it will be sent to `recipients` numbers, with links shortened under
 * `linkBase`, or counted as written when `linkBase` is null (a send path that does not shorten).
 * @example composerStats("Hola", { linkBase: "https://p.pe" }) // { encoding: "GSM-7", characters: 4, segments: 1, credits: 1, … }
 * @example composerStats("Hola", { linkBase: null, recipients: 3 }).credits // 3
 */
export function composerStats(text: string, opts: { linkBase: string | null; recipients?: number }): ComposerStats {
  const base = opts.linkBase;
  const a = analyse(base === null ? text : withPlaceholderLinks(text, base));
  const links = base === null ? [] : findLinks(text, base);
  const length = base === null ? 0 : shortLinkUrl(base, "0".repeat(SHORT_CODE_LENGTH)).length;
  return {
    encoding: a.encoding,
    characters: a.characters,
    units: a.units,
    segments: a.segments,
    perSegment: a.perSegment,
    credits: a.segments * Math.max(0, opts.recipients ?? 1),
    forcing: a.forcing,
    links: links.map((l) => ({ url: l.url, short: shortLinkUrl(base!, "…"), length })),
    mergeFields: mergeFieldsIn(text),
  };
}

/**
 * Merge field names used in `text`, each once.
 * @example mergeFieldsIn('Hola {{nombre | "vecino"}}, {{Nombre}} y {{empresa}}') // ["nombre", "Nombre", "empresa"]
 */
export function mergeFieldsIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(MERGE)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** One item of "Caracteres que obligan a UCS-2": what to show, its kind and how often it appears. */
export type ForcingItem = { shown: string; kind: ForcingKind; count: number };

/**
 * The forcing characters as a person reads them: every bold letter folded into one item (their
 * plain word would be noise letter by letter), invisible characters shown by code point, the
 * rest one item per character.
 * @example forcingItems(analyse("Más 𝐁𝐢𝐞𝐧 más").forcing) // [{ shown: "á", kind: "accented", count: 2 }, { shown: "𝐁𝐢𝐞𝐧", kind: "bold", count: 4 }]
 */
export function forcingItems(forcing: readonly ForcingChar[]): ForcingItem[] {
  const items: ForcingItem[] = [];
  let bold: ForcingItem | null = null;
  for (const f of forcing) {
    if (f.kind === "bold") {
      if (bold === null) items.push((bold = { shown: "", kind: "bold", count: 0 }));
      bold.shown += f.char;
      bold.count += f.count;
      continue;
    }
    items.push({ shown: f.kind === "space" ? (f.name ?? f.char) : f.char, kind: f.kind, count: f.count });
  }
  return items;
}

/** What the single-segment policy asks of the composer now. */
export type PolicyState = "ok" | "blocked" | "needs-confirm" | "too-long";

/**
 * @example policyState("confirm", 2, false) // "needs-confirm"
 * @example policyState("enforce", 2, true) // "blocked"
 * @example policyState("allow", 11, true) // "too-long"
 */
export function policyState(policy: SegmentPolicy, segments: number, confirmed: boolean, maxSegments = MAX_SEGMENTS): PolicyState {
  if (segments > maxSegments) return "too-long";
  if (segments <= 1 || policy === "allow") return "ok";
  if (policy === "enforce") return "blocked";
  return confirmed ? "ok" : "needs-confirm";
}

/** A text after an edit of its selection, with the selection to restore. */
export type Edited = { text: string; start: number; end: number };

/**
 * "Negrita" on the selection [start, end), as a word processor does it: Mathematical Bold
 * (shared/sms/bold.ts) when any letter or digit in it is plain, plain again when all of them
 * already are bold. Null when nothing is selected or nothing would change (only spaces).
 * @example toggleBold("Hola Ana", 5, 8) // { text: "Hola 𝐀𝐧𝐚", start: 5, end: 11 }
 * @example toggleBold("Hola 𝐀𝐧𝐚", 5, 11) // { text: "Hola Ana", start: 5, end: 8 }
 */
export function toggleBold(text: string, start: number, end: number): Edited | null {
  let [from, to] = [Math.max(0, Math.min(start, end)), Math.min(text.length, Math.max(start, end))];
  // Never cut a surrogate pair (a bold letter, an emoji) in half.
  if (isLowSurrogate(text, from)) from--;
  if (isLowSurrogate(text, to)) to++;
  if (from === to) return null;
  const selected = text.slice(from, to);
  const bolded = toBold(selected);
  const replaced = bolded !== selected ? bolded : fromBold(selected);
  if (replaced === selected) return null;
  return { text: text.slice(0, from) + replaced + text.slice(to), start: from, end: from + replaced.length };
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c <= 0xdfff;
}

/** What applying "Negrita" to the selection would cost: segments and encoding before and after. */
export type BoldCost = { before: number; after: number; encodingBefore: SmsEncoding; encodingAfter: SmsEncoding; bolding: boolean };

/**
 * @example boldCost("Hola Ana", 5, 8, "https://p.pe") // { before: 1, after: 1, encodingBefore: "GSM-7", encodingAfter: "UCS-2", bolding: true }
 */
export function boldCost(text: string, start: number, end: number, linkBase: string | null): BoldCost | null {
  const edited = toggleBold(text, start, end);
  if (edited === null) return null;
  const before = composerStats(text, { linkBase });
  const after = composerStats(edited.text, { linkBase });
  return { before: before.segments, after: after.segments, encodingBefore: before.encoding, encodingAfter: after.encoding, bolding: edited.text.length > text.length };
}

const SEPARATORS = /[ \t\u00a0().-]/g;
const PE_MOBILE = /^(?:\+?51|0051)?(9\d{8})$/;

/**
 * The E.164 form of a Peruvian mobile as typed ("987 654 321", "+51 987-654-321"), else null.
 * The same fast path as shared/audience/phone.ts (every Peruvian mobile is 9XXXXXXXX), without
 * libphonenumber's metadata in the bundle; the server's check remains the authority.
 * @example peruMobile("987 654 321") // "+51987654321"
 * @example peruMobile("(01) 411-7000") // null
 */
export function peruMobile(raw: string): string | null {
  const m = PE_MOBILE.exec(raw.trim().replace(SEPARATORS, ""));
  return m === null ? null : `+51${m[1]}`;
}

/**
 * A Peruvian E.164 mobile grouped for reading; anything else unchanged.
 * @example formatPhone("+51987654321") // "+51 987 654 321"
 */
export function formatPhone(e164: string): string {
  const m = /^\+51(9\d{2})(\d{3})(\d{3})$/.exec(e164);
  return m === null ? e164 : `+51 ${m[1]} ${m[2]} ${m[3]}`;
}
