/**
 * The delivery receipt every provider adapter (Kannel, Jasmin, generic JSON) is parsed into, and
 * the pieces they share: the SMPP receipt text ("id:… sub:001 dlvrd:001 submit date:… done
 * date:… stat:DELIVRD err:000 text:…", SMPP 3.4 appendix B, which SMSCs put in deliver_sm and
 * Kannel passes on as %A) and the mapping of its `stat` words to our statuses.
 *
 * Statuses, per message part: `accepted` (the SMSC took it), `buffered` (queued at the SMSC,
 * still trying), then one final state: `delivered`, `failed` (undeliverable), `rejected` (refused
 * by the SMSC or the network) or `expired` (validity ran out before delivery). Receipts can
 * arrive out of order and twice; isFinal lets the consumer ignore an intermediate status that
 * arrives after a final one.
 */

export type SmsReceiptStatus = "accepted" | "buffered" | "delivered" | "failed" | "rejected" | "expired";

export type SmsReceipt = {
  /** Our message id, from the callback URL we gave the provider. */
  messageId: string;
  /** 1-based part the receipt is about; 0 when the provider reports the message as a whole. */
  part: number;
  status: SmsReceiptStatus;
  /** The SMSC's (or provider's) own id of the message, when given. */
  smscId: string | null;
  /** The raw status text, for the record (Kannel %A, Jasmin's fields). */
  reply: string | null;
  /** The network or SMSC error code ("err:" of the receipt), null when absent or zero. */
  errorCode: string | null;
  /** When the provider says it happened (ms since the epoch), null when it does not say. */
  at: number | null;
};

export type SmppReceiptText = { id: string | null; stat: string | null; err: string | null; doneDate: string | null };

/** Result of parsing a callback: the receipt, or which field is wrong and why (for a 400). */
export type ReceiptParse = { ok: true; receipt: SmsReceipt } | { ok: false; field: string; reason: string };

const STAT: Readonly<Record<string, SmsReceiptStatus>> = {
  DELIVRD: "delivered",
  EXPIRED: "expired",
  DELETED: "failed",
  UNDELIV: "failed",
  UNKNOWN: "failed",
  REJECTD: "rejected",
  ACCEPTD: "accepted",
  ENROUTE: "buffered",
};
const FIELD = /(?:^|\s)(id|stat|err|done date):(\S*)/gi;
/** Our own ids in callback URLs: URL-safe, no "%" (Kannel would read "%x" as an escape). */
export const CALLBACK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Our status for an SMPP receipt `stat` word (case-insensitive), null for an unknown word.
 * @example statusFromStat("DELIVRD") // "delivered"
 * @example statusFromStat("UNDELIV") // "failed"
 */
export function statusFromStat(stat: string): SmsReceiptStatus | null {
  return STAT[stat.trim().toUpperCase()] ?? null;
}

/**
 * The fields we use from an SMPP receipt text; each null when absent.
 * @example parseSmppReceiptText("id:7c1 sub:001 dlvrd:001 submit date:2701151200 done date:2701151201 stat:DELIVRD err:000 text:Hola") // { id: "7c1", stat: "DELIVRD", err: "000", doneDate: "2701151201" }
 */
export function parseSmppReceiptText(text: string): SmppReceiptText {
  const out: SmppReceiptText = { id: null, stat: null, err: null, doneDate: null };
  const head = text.split(/\stext:/i)[0] ?? "";
  for (const m of head.matchAll(FIELD)) {
    const key = m[1]!.toLowerCase();
    const value = m[2]!;
    if (key === "id") out.id = value;
    else if (key === "stat") out.stat = value.toUpperCase();
    else if (key === "err") out.err = value;
    else out.doneDate = value;
  }
  return out;
}

/**
 * An error code worth keeping: null for absent, empty or all-zero codes ("000").
 * @example meaningfulError("0") // null
 * @example meaningfulError("00B") // "00B"
 */
export function meaningfulError(code: string | null | undefined): string | null {
  const c = (code ?? "").trim();
  return c === "" || /^0+$/.test(c) ? null : c;
}

/**
 * Whether no later receipt can change `status`.
 * @example isFinal("buffered") // false
 */
export function isFinal(status: SmsReceiptStatus): boolean {
  return status !== "accepted" && status !== "buffered";
}

/**
 * Our message id and part from the query of a receipt hook (`msg` and `part`, as the request
 * builders put them there); part 0 stands for the whole message (providers that split it
 * themselves). The failure names the field.
 * @example callbackTarget(new URLSearchParams("msg=m1&part=2")) // { ok: true, messageId: "m1", part: 2 }
 */
export function callbackTarget(query: URLSearchParams): { ok: true; messageId: string; part: number } | { ok: false; field: string; reason: string } {
  const messageId = query.get("msg") ?? "";
  if (!CALLBACK_ID.test(messageId)) return { ok: false, field: "msg", reason: "must be our message id ([A-Za-z0-9_-], 1-64 characters)" };
  const raw = query.get("part") ?? "";
  const part = Number(raw);
  if (!/^\d{1,3}$/.test(raw) || part > 255) return { ok: false, field: "part", reason: "must be an integer from 0 to 255" };
  return { ok: true, messageId, part };
}

/** The failure shape of a parse, for the callers' 400 answers. */
export function invalid(field: string, reason: string): ReceiptParse {
  return { ok: false, field, reason };
}
