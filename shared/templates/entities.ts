/**
 * HTML character references, decoded without a DOM (Workers have none): every Latin-1 name
 * (á, ñ, ¿, « …), the typographic ones email editors write (— “ ” … €) and numeric references.
 * Only references ended by ";" are decoded, so "?a=1&copy=2" in a URL stays as it is.
 */

// The names of U+00A0…U+00FF, in order.
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest " +
  "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig " +
  "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

const OTHERS: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39, OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207, ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217,
  sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222, dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242,
  Prime: 8243, lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482, larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, check: 10003,
};

const NAMED = new Map<string, string>([
  ...LATIN1.split(" ").map((name, i): [string, string] => [name, String.fromCharCode(160 + i)]),
  ...Object.entries(OTHERS).map(([name, cp]): [string, string] => [name, String.fromCharCode(cp)]),
]);

const REFERENCE = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;

/**
 * `s` with its character references decoded; unknown names are left as written.
 * @example decodeEntities("Se&ntilde;or &amp; se&#241;ora&nbsp;&#x2014; &bogus;") // "Señor & señora\u00a0— &bogus;"
 */
export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(REFERENCE, (all, ref: string) => {
    if (ref[0] !== "#") return NAMED.get(ref) ?? all;
    const cp = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : "\ufffd";
  });
}
