/**
 * What the simulated SMSC does with each submit_sm: accept it and, later, send a receipt with a
 * final state (DELIVRD, UNDELIV, EXPIRED, REJECTD…), or refuse it at once with an SMPP error
 * status in the submit_sm_resp (ESME_RTHROTTLED, ESME_RSYSERR, ESME_RINVDSTADR…). Chosen per
 * destination number (`outcomes`) first, then for a fraction of the rest (`failureRate`, with
 * `failureOutcome`), from a seeded generator so a test run is repeatable.
 *
 * Pure: no sockets, no clock. The receipt text follows the SMPP 3.4 appendix B format that
 * Kannel parses: "id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:…".
 */
import smpp from "smpp";

/** Receipt states: the message_state TLV value and the `err:` code each one carries. */
export const RECEIPT_STATES = {
  DELIVRD: { messageState: 2, err: "000", dlvrd: "001" },
  EXPIRED: { messageState: 3, err: "001", dlvrd: "000" },
  DELETED: { messageState: 4, err: "002", dlvrd: "000" },
  UNDELIV: { messageState: 5, err: "003", dlvrd: "000" },
  UNKNOWN: { messageState: 7, err: "004", dlvrd: "000" },
  REJECTD: { messageState: 8, err: "005", dlvrd: "000" },
};

/** Defaults of the simulator's behaviour; POST /config changes any of them. */
export const DEFAULT_CONFIG = Object.freeze({
  deliveryDelayMs: 100,
  failureRate: 0,
  failureOutcome: "UNDELIV",
  outcomes: {},
  seed: 1,
});

/**
 * Checks and merges a partial config into `current`; throws an Error naming the field at fault.
 * @example mergeConfig(DEFAULT_CONFIG, { failureRate: 0.1, outcomes: { "51987000002": "EXPIRED" } })
 */
export function mergeConfig(current, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) throw new Error("config: expected a JSON object");
  const next = { ...current, outcomes: { ...current.outcomes } };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case "deliveryDelayMs":
      case "seed":
        if (!Number.isInteger(value) || value < 0) throw new Error(`${key}: expected a whole number ≥ 0`);
        next[key] = value;
        break;
      case "failureRate":
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw new Error("failureRate: expected a number from 0 to 1");
        next.failureRate = value;
        break;
      case "failureOutcome":
        assertOutcome(value, "failureOutcome");
        next.failureOutcome = value;
        break;
      case "outcomes":
        if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("outcomes: expected an object { number: outcome }");
        for (const [number, outcome] of Object.entries(value)) {
          if (outcome === null) delete next.outcomes[normalise(number)];
          else (assertOutcome(outcome, `outcomes.${number}`), (next.outcomes[normalise(number)] = outcome));
        }
        break;
      default:
        throw new Error(`${key}: unknown setting (known: deliveryDelayMs, failureRate, failureOutcome, outcomes, seed)`);
    }
  }
  return next;
}

/** Whether `name` is a receipt state or an SMPP error status name the simulator can answer. */
export function isOutcome(name) {
  return typeof name === "string" && (name in RECEIPT_STATES || (name.startsWith("ESME_") && Number.isInteger(smpp.errors[name]) && name !== "ESME_ROK"));
}

function assertOutcome(value, field) {
  if (!isOutcome(value)) throw new Error(`${field}: "${value}" is neither a receipt state (${Object.keys(RECEIPT_STATES).join(", ")}) nor an SMPP error status (ESME_…)`);
}

/**
 * The outcome of one submit: `{ kind: "receipt", stat }` or `{ kind: "error", status, code }`.
 * `random` is a function returning [0, 1), e.g. from `seededRandom`.
 * @example chooseOutcome(DEFAULT_CONFIG, "51987000001", Math.random) // → { kind: "receipt", stat: "DELIVRD" }
 */
export function chooseOutcome(config, destination, random) {
  const fixed = config.outcomes[normalise(destination)];
  const name = fixed ?? (config.failureRate > 0 && random() < config.failureRate ? config.failureOutcome : "DELIVRD");
  if (name in RECEIPT_STATES) return { kind: "receipt", stat: name };
  return { kind: "error", status: name, code: smpp.errors[name] };
}

/**
 * The receipt's short_message text (SMPP 3.4 appendix B); `text` is the first 20 characters of
 * the original, non-ASCII shown as "?".
 * @example receiptText({ id: "0000002A", stat: "DELIVRD", submitted: d, done: d, text: "Hola" })
 */
export function receiptText({ id, stat, submitted, done, text }) {
  const s = RECEIPT_STATES[stat];
  const excerpt = [...String(text ?? "")].slice(0, 20).map((c) => (/^[\x20-\x7e]$/.test(c) ? c : "?")).join("");
  return `id:${id} sub:001 dlvrd:${s.dlvrd} submit date:${smppDate(submitted)} done date:${smppDate(done)} stat:${stat} err:${s.err} text:${excerpt}`;
}

/** YYMMDDhhmm in UTC, the receipt's date format. */
export function smppDate(date) {
  return date.toISOString().replace(/\D/g, "").slice(2, 12);
}

/** A small deterministic generator (mulberry32): the same seed gives the same failures. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Numbers are matched without a leading "+" or "00", as carriers write them either way. */
function normalise(number) {
  return String(number).replace(/^(\+|00)/, "");
}
