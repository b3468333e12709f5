/**
 * The text of a campaign's social post (W6), per network: the campaign's subject made public
 * (merge fields such as `{{nombre}}` dropped, since a post has no recipient) and the campaign's
 * public address. Pure, so the length rules are unit tested: X is 280 characters with the link
 * counted as 23, LinkedIn's commentary is 3,000 characters of its "little text" format (reserved
 * characters escaped), Facebook's message is long enough never to matter.
 */
import { LIMITS, LINK_WEIGHT, type SocialNetwork } from "./networks";

export type SocialPost =
  | { network: "facebook"; message: string; link: string }
  | { network: "linkedin"; commentary: string; title: string; link: string }
  | { network: "x"; text: string };

/**
 * The subject without merge fields and the punctuation they leave dangling.
 * @example publicSubject("Convocatoria abierta, {{nombre}}") // "Convocatoria abierta"
 */
export function publicSubject(subject: string): string {
  return subject
    .replace(/\{\{\{?[^}]*\}?\}\}/g, "")
    .replace(/\s+/g, " ")
    .replace(/\s+([,;:.!?])/g, "$1")
    .replace(/([,;:])(?=[,;:.!?])/g, "")
    .replace(/^[\s,;:.–—-]+|[\s,;:–—-]+$/g, "")
    .trim();
}

/**
 * `text` cut to at most `max` characters (code points), ending in "…" when cut.
 * @example truncate("Convocatoria abierta", 10) // "Convocato…"
 */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join("").trimEnd()}…`;
}

/**
 * LinkedIn's "little text" format reserves these characters; each is escaped with a backslash
 * so a subject such as "Becas (2027) #educación" is shown as written.
 * @example escapeLittleText("Becas (2027)") // "Becas \\(2027\\)"
 */
export function escapeLittleText(text: string): string {
  return text.replace(/[\\|{}@[\]()<>#*_~]/g, (ch) => `\\${ch}`);
}

/**
 * The post of a campaign with subject `subject` and public address `url` on `network`.
 * @example buildPost("x", "Convocatoria abierta", "https://pregon.pe/archivo/muni/cmp_1") // { network: "x", text: "Convocatoria abierta https://…" }
 */
export function buildPost(network: SocialNetwork, subject: string, url: string): SocialPost {
  const title = publicSubject(subject) || "Novedades";
  switch (network) {
    case "facebook":
      return { network, message: truncate(title, LIMITS.facebook), link: url };
    case "linkedin":
      return { network, commentary: escapeLittleText(truncate(title, LIMITS.linkedin)), title: truncate(title, 200), link: url };
    case "x":
      // One space between the text and the link, which X counts as LINK_WEIGHT whatever its length.
      return { network, text: `${truncate(title, LIMITS.x - LINK_WEIGHT - 1)} ${url}` };
  }
}

/**
 * How long X counts `text`: code points, every http(s) link as LINK_WEIGHT. (X weighs some
 * scripts, CJK among them, double; Spanish text is not affected.)
 * @example xLength("Hola https://example.org/a/very/long/path") // 28
 */
export function xLength(text: string): number {
  let n = 0;
  for (const part of text.split(/(https?:\/\/\S+)/)) n += /^https?:\/\//.test(part) ? LINK_WEIGHT : [...part].length;
  return n;
}
