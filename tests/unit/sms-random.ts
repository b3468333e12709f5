// Seeded random SMS texts for the property tests of shared/sms: the same seed gives the same
// texts on every run, so a failure can be reproduced.

/** A deterministic PRNG (mulberry32) returning floats in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces a text is built from: GSM basic, GSM extension, accented, bold, emoji (with ZWJ, skin tone, flags), combining marks, odd spaces. */
export const PIECES = {
  gsm: [..."abcxyzABCXYZ0129 .,!?¿¡éñüÑÉÜ@£$_\n"],
  extension: [..."€[]{}~^|\\"],
  accented: [..."áíóúÁÚçãâ"],
  bold: [..."𝐀𝐁𝐳𝟎𝟗"],
  emoji: ["👍", "👍🏽", "👨‍👩‍👧", "🇵🇪", "❤️", "1️⃣", "🎉"],
  combining: ["a\u0301", "n\u0303", "u\u0308\u0301"],
  other: ["“", "”", "…", "—", "\u00a0", "\t", "Ж", "★", "\u200b"],
} as const;

/** A random text of `length` pieces drawn from the named groups. */
export function randomText(rand: () => number, length: number, groups: ReadonlyArray<keyof typeof PIECES>): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    const group = PIECES[groups[Math.floor(rand() * groups.length)]!];
    out += group[Math.floor(rand() * group.length)]!;
  }
  return out;
}

/** Whether `text` has no lone surrogate (valid UTF-16 on its own). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
