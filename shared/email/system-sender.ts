/**
 * The sender of the deployment's own mail (the monthly report to each account's owner), from
 * the SYSTEM_FROM setting: "Name <address>" or a bare address. Unset, it is
 * `no-responder@pregon.local` under the product name, which the local SMTP inbox accepts; a
 * deployment sets an address of a domain its relay may send for.
 */

export const DEFAULT_SYSTEM_ADDRESS = "no-responder@pregon.local";
/** What header.ts can write as an address. */
const ADDRESS = /^[^\s<>()",;:@\\[\]]+@[A-Za-z0-9.-]+$/;
const NAMED = /^\s*"?([^"<>]*?)"?\s*<([^<>\s]+)>\s*$/;

/**
 * The sender's display name and address. Throws at once on a value that is not an address
 * (misconfiguration), rather than at the first send.
 * @example systemSender("Reportes Pregón <reportes@pregon.gob.pe>", "Pregón") // { name: "Reportes Pregón", address: "reportes@pregon.gob.pe" }
 * @example systemSender(undefined, "Pregón") // { name: "Pregón", address: "no-responder@pregon.local" }
 */
export function systemSender(value: string | undefined, appName: string): { name: string; address: string } {
  const text = (value ?? "").trim();
  if (text === "") return { name: appName, address: DEFAULT_SYSTEM_ADDRESS };
  const named = NAMED.exec(text);
  const name = named ? named[1]!.trim() || appName : appName;
  const address = named ? named[2]! : text;
  if (!ADDRESS.test(address)) throw new Error(`SYSTEM_FROM is not an email address: ${JSON.stringify(value)}`);
  return { name, address };
}
