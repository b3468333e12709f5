/**
 * Text made safe for XML 1.0 (the feeds, W6): the five special characters escaped, and the
 * characters XML 1.0 forbids outright (C0 controls other than tab and newlines, lone surrogates,
 * U+FFFE/U+FFFF) dropped, because one such character in a subject would make the whole feed
 * unreadable to every reader.
 */

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Drop the characters XML 1.0 cannot carry.
 * @example xmlSafe("a\u0000b\u0007c") // "abc"
 */
export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, "");
}

/**
 * Escape for XML element content and attribute values.
 * @example escapeXml(`<script>"x" & 'y'</script>`) // "&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/script&gt;"
 */
export function escapeXml(s: string): string {
  return xmlSafe(s).replace(SPECIAL, (c) => ENTITY[c]!);
}
