/**
 * Counts the records of a CSV while it streams past, without holding it: line breaks outside
 * quoted cells end a record (RFC 4180), so a contact's address written over two lines inside
 * quotes counts once. Escaped quotes ("") toggle twice and leave the state as it was.
 */

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * A counter to feed chunks in order; `records()` is the number of complete records so far
 * (a last line without its line break counts too).
 * @example const c = csvRecordCounter(); c.push(new TextEncoder().encode('a,b\r\n"x\r\ny",2\r\n')); c.records() // 2
 */
export function csvRecordCounter(): { push(chunk: Uint8Array): void; records(): number } {
  let quoted = false;
  let records = 0;
  let pending = false;
  return {
    push(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === QUOTE) quoted = !quoted;
        if (b === LF && !quoted) {
          records++;
          pending = false;
        } else pending = true;
      }
    },
    records: () => records + (pending ? 1 : 0),
  };
}
