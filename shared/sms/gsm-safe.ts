/**
 * A GSM-7 version of a text, offered by the composer when one character would force the whole
 * message into UCS-2 (70 instead of 160 characters a segment). Only what is not GSM-7 changes:
 * é ñ ü ¿ ¡ É Ñ Ü stay. Per user-perceived character, in order:
 * 1. a small table of look-alikes: “smart quotes” → ", ‘ ’ ´ ` → ', – — − → -, … → ...,
 *    ç → Ç (GSM has only the capital), tab and every Unicode space → space, zero-width and soft
 *    hyphen characters → nothing, and a few symbols (→ ° × • © ® ™ …); a letter typed with a
 *    separate combining accent that has a GSM-7 composed form (e + ◌́ → é) is composed;
 * 2. emoji (with their modifiers, joiners, flags) are removed, and a space left doubled by the
 *    removal is dropped, as is one left at the end of a line;
 * 3. otherwise compatibility decomposition (NFKD) without accents: á → a, Ú → U, ã → a,
 *    𝐁𝐨𝐥𝐝 / 𝘪𝘵𝘢𝘭𝘪𝘤 / 𝕕𝕠𝕦𝕓𝕝𝕖 letters → plain, ² → 2, ﬁ → fi, º → o;
 * 4. anything still not GSM-7 (Cyrillic, CJK, ★ …) becomes "?", which is also what Kannel would
 *    have sent; nothing disappears silently (a stray combining accent with no letter is dropped).
 * The result is always GSM-7, and every change is listed (grouped per original character).
 */
import { gsm7Septets, isGsm7 } from "./gsm7";

/** One kind of change: `from` replaced by `to` ("" when removed), `count` times, first at `index` (UTF-16 offset in the input). */
export type GsmReplacement = { from: string; to: string; index: number; count: number };
export type GsmSafe = { text: string; replacements: GsmReplacement[] };

const TABLE: Readonly<Record<string, string>> = {
  "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
  "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "´": "'", "`": "'",
  "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
  "…": "...", "ç": "Ç", "\t": " ", "\u2028": "\n", "\u2029": "\n",
  "•": "-", "·": ".", "°": "o", "×": "x", "÷": "/", "→": "->", "←": "<-", "©": "(c)", "®": "(R)", "™": "TM",
  "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
};
const SPACE = /^\p{Zs}$/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const MARKS = /\p{M}/gu;
const graphemes = new Intl.Segmenter("es", { granularity: "grapheme" });

/**
 * The GSM-7 version of `text` and the replacements made (none when it already is GSM-7).
 * @example toGsmSafe("Perú 🎉") // { text: "Peru", replacements: [{ from: "ú", to: "u", index: 3, count: 1 }, { from: "🎉", to: "", index: 5, count: 1 }] }
 * @example toGsmSafe("“Sí” — más…").text // '"Si" - mas...'
 */
export function toGsmSafe(text: string): GsmSafe {
  if (isGsm7(text)) return { text, replacements: [] };
  const found = new Map<string, GsmReplacement>();
  let out = "";
  let gap = false;
  for (const { segment, index: at } of graphemes.segment(text)) {
    const to = replacementOf(segment);
    if (to !== segment) note(found, segment, to, at);
    if (to === "" && EMOJI.test(segment)) {
      gap = true;
      continue;
    }
    if (gap && to.startsWith(" ") && (out === "" || out.endsWith(" ") || out.endsWith("\n"))) out += to.slice(1);
    else if (gap && /^[\r\n]/.test(to) && out.endsWith(" ")) out = out.slice(0, -1) + to;
    else out += to;
    gap = false;
  }
  if (gap && out.endsWith(" ")) out = out.slice(0, -1);
  return { text: out, replacements: [...found.values()] };
}

/** What one grapheme becomes: itself when GSM-7, else per the rules in the file header. */
function replacementOf(segment: string): string {
  if (isGsm7(segment)) return segment;
  const nfc = segment.normalize("NFC");
  if (isGsm7(nfc)) return nfc;
  const listed = TABLE[nfc];
  if (listed !== undefined) return listed;
  if (SPACE.test(segment)) return " ";
  if (EMOJI.test(segment)) return "";
  let out = "";
  for (const ch of segment.normalize("NFKD").replace(MARKS, "")) {
    out += TABLE[ch] ?? (gsm7Septets(ch) > 0 ? ch : SPACE.test(ch) ? " " : "?");
  }
  return out;
}

function note(found: Map<string, GsmReplacement>, from: string, to: string, index: number): void {
  const seen = found.get(from);
  if (seen) seen.count++;
  else found.set(from, { from, to, index, count: 1 });
}
