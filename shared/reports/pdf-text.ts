/**
 * Text the PDF's standard Helvetica can draw. The 14 standard fonts need no embedding (a small,
 * fast file) but only have the WinAnsi character set: Latin-1 (every Spanish letter, ¿ ¡ º ª),
 * plus € “ ” ‘ ’ – — … • ™ and a few more. pdf-lib throws on anything else, and a campaign named
 * "Oferta 🎉" or "Día del Niño 👧🏽" must not break the monthly PDF: emoji and their joiners are
 * dropped, letters with marks outside WinAnsi lose the mark ("ő" → "o"), other scripts become "?".
 */

/** WinAnsi's characters between 0x80 and 0x9F (the rest is 0x20–0x7E and 0xA0–0xFF, as Latin-1). */
const CP1252_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
/** Common characters with a close WinAnsi stand-in. */
const STAND_IN: Record<string, string> = { "−": "-", "‐": "-", "‑": "-", "‒": "–", "→": "->", "←": "<-", "≤": "<=", "≥": ">=", "≠": "!=", "\u2009": " ", "\u202f": "\u00a0" };
const DROP = /[\p{Extended_Pictographic}\p{Emoji_Component}\p{M}\p{Cf}]/u;

/** Whether the standard fonts can draw `ch` (one code point). */
export function isWinAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || CP1252_EXTRA.has(ch);
}

/**
 * `text` reduced to what Helvetica (WinAnsi) can draw, on one line.
 * @example winAnsi("Campaña 🎉 navideña") // "Campaña navideña"
 * @example winAnsi("Kraków – Łódź") // "Kraków – ?ódz"
 * @example winAnsi("活动") // "??"
 */
export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    if (isWinAnsi(ch)) out += ch;
    else if (ch in STAND_IN) out += STAND_IN[ch];
    else if (/\s/u.test(ch)) out += " ";
    else if (/\p{Cc}/u.test(ch) || DROP.test(ch)) continue;
    else {
      const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      out += base && [...base].every(isWinAnsi) ? base : "?";
    }
  }
  // Dropping an emoji between two words leaves two spaces.
  return out.replace(/ {2,}/g, " ").trim();
}

/**
 * The longest start of `text` that fits `width` (with "…" when cut), as `measure` says.
 * @example fitText("Campaña de fin de año", 40, (t) => t.length * 5) // "Campaña…"
 */
export function fitText(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join("").trimEnd() + "…") <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? "…" : chars.slice(0, lo).join("").trimEnd() + "…";
}

/**
 * `text` broken at spaces into at most `maxLines` lines of `width`; the last one is cut with "…"
 * when the text goes on. A word longer than a line is cut too.
 * @example wrapText("Convocatoria CAS 2026 de la sede central", 60, (t) => t.length * 5, 2) // ["Convocatoria", "CAS 2026 de…"]
 */
export function wrapText(text: string, width: number, measure: (t: string) => number, maxLines: number): string[] {
  const words = text.split(" ").filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (let i = 0; i < words.length; i++) {
    const next = current ? `${current} ${words[i]}` : words[i]!;
    if (measure(next) <= width || !current) {
      current = next;
      continue;
    }
    lines.push(current);
    current = words[i]!;
    if (lines.length === maxLines - 1) {
      current = words.slice(i).join(" ");
      break;
    }
  }
  if (current) lines.push(current);
  return lines.slice(0, maxLines).map((l) => fitText(l, width, measure));
}
