/**
 * The confirmation sent back to someone who answered BAJA / STOP / ALTO (Ley 32323: revocation
 * takes effect at once, and the person is told). It is free, so it must cost exactly one segment
 * whatever the account is called: GSM-7 only (the Spanish is written without á, which would
 * force UCS-2 and 70 characters), and a long account name is shortened to fit 160.
 */
import { septetLength } from "./gsm7";
import { toGsmSafe } from "./gsm-safe";

const BEFORE = "Has sido dado de baja de los mensajes de ";
const AFTER = ". No recibiras mas SMS.";
const SINGLE = 160;

/**
 * One GSM-7 segment telling the sender they are opted out of `accountName`'s messages.
 * @example optOutConfirmation("Municipalidad de Miraflores") // "Has sido dado de baja de los mensajes de Municipalidad de Miraflores. No recibiras mas SMS."
 * @example optOutConfirmation("Pregón") // "Has sido dado de baja de los mensajes de Pregon. No recibiras mas SMS."
 */
export function optOutConfirmation(accountName: string): string {
  let name = toGsmSafe(accountName.replace(/\s+/g, " ").trim()).text.replace(/[.\s]+$/, "");
  if (name === "") name = "esta cuenta";
  const room = SINGLE - septetLength(BEFORE + AFTER);
  if (septetLength(name) > room) {
    // Cut by characters until the septets fit (extension characters such as € count 2), with "...".
    while (septetLength(name) + 3 > room) name = name.slice(0, -1);
    name = name.trimEnd() + "...";
  }
  return BEFORE + name + AFTER;
}
