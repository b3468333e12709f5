/**
 * The local carrier's behaviour, behind its HTTP front (web.mjs): it accepts sendsms requests as
 * Kannel does (sendsms.mjs), keeps them (store.mjs), and plays the network's part: right away a
 * DLR 8 "ACK/" when the dlr-mask asks for it, then after `deliveryDelayMs` a final DLR, 1
 * (delivered) or, for a `failureRate` fraction, 2 (stat:UNDELIV), with the SMPP-style receipt
 * text in %A, as Debian's Kannel passes them on from an SMSC. Replies typed on the page go to the
 * MO URL in the shape of Kannel's get-url.
 *
 * A request with a dlr-mask but no dlr-url gets its DLRs at `defaultDlrUrl` (Kannel would send
 * none); that lets the product omit a per-message URL locally.
 */
import { randomUUID } from "node:crypto";
import { DLR, DLR_QUERY, MO_QUERY, fillEscapes, withQuery } from "../../sms/escapes.mjs";
import { receiptText } from "../../sms/outcomes.mjs";
import { createCaller } from "./callbacks.mjs";
import { parseQuery, readSendsms } from "./sendsms.mjs";
import { CarrierStore } from "./store.mjs";

const SMSC_ID = "sim"; // %i, the same smsc-id as the Kannel test harness's link

/**
 * @example const carrier = createCarrier({ user: { username: "pregon", password: "pw", maxMessages: 10 },
 *   moUrl: "http://127.0.0.1:8787/hooks/sms/local/mo?s=…", defaultDlrUrl: "http://127.0.0.1:8787/hooks/sms/local/dlr?s=…",
 *   log: console.log });
 *   carrier.sendsms("username=pregon&password=pw&from=PREGON&to=51987654321&text=Hola") // → { status: 202, body: "0: Accepted for delivery" }
 */
export function createCarrier({ user, moUrl, defaultDlrUrl, failureRate = 0, deliveryDelayMs = 1500, log }) {
  const store = new CarrierStore();
  const call = createCaller({ log });
  const config = { failureRate: 0, deliveryDelayMs: 1500 };
  const timers = new Set();
  const moTemplate = withQuery(moUrl, MO_QUERY);
  const dlrTemplate = withQuery(defaultDlrUrl, DLR_QUERY);

  const later = (ms, fn) => {
    const t = setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
  };

  async function dlr(record, status, reply) {
    const template = record.dlrUrl ?? dlrTemplate;
    const url = fillEscapes(template, {
      d: status, A: reply, F: record.id, i: SMSC_ID, I: randomUUID(), n: user.username,
      p: record.to, P: record.from, text: record.text, time: new Date(record.at),
    });
    const { status: http, html, error } = await call(url);
    store.update(record, { callback: { at: new Date().toISOString(), dlr: status, url, http: http ?? null, html: Boolean(html), error: error ?? null } });
  }

  function accept(message) {
    const record = store.addMessage(message);
    const delivered = Math.random() >= config.failureRate;
    if (record.dlrMask & DLR.SMSC_ACK) later(20, () => dlr(record, DLR.SMSC_ACK, "ACK/"));
    later(config.deliveryDelayMs, () => {
      const stat = delivered ? "DELIVRD" : "UNDELIV";
      store.update(record, { state: delivered ? "delivered" : "failed" });
      const bit = delivered ? DLR.DELIVERED : DLR.FAILED;
      if (!(record.dlrMask & bit)) return;
      const submitted = new Date(record.at);
      dlr(record, bit, receiptText({ id: record.id, stat, submitted, done: new Date(), text: record.text }));
    });
  }

  const carrier = {
    store,
    config,
    moUrl: moTemplate,
    /** Handles a raw sendsms query (GET query or POST form body): Kannel's status and text. */
    sendsms(query) {
      const verdict = readSendsms(parseQuery(query), user);
      if (verdict.ok) verdict.messages.forEach(accept);
      return { status: verdict.status, body: verdict.body };
    },
    /** A reply from a handset, delivered to the MO URL; resolves with the record and the call's result. */
    async injectMo({ from, to, text }) {
      const record = store.addMo({ from, to, text });
      const url = fillEscapes(moTemplate, { p: from, P: to, text, c: 0, C: "UTF-8", i: SMSC_ID, u: "", n: "default", time: new Date(record.at) });
      const { status: http, html, error } = await call(url);
      store.setMoResult(record, { url, http: http ?? null, html: Boolean(html), error: error ?? null });
      return record;
    },
    /** Changes failureRate (0–1) and deliveryDelayMs (0–600000); throws naming the field at fault. */
    configure(patch) {
      if ("failureRate" in patch) {
        const v = patch.failureRate;
        if (typeof v !== "number" || !(v >= 0 && v <= 1)) throw new Error("failureRate: expected a number from 0 to 1");
        config.failureRate = v;
      }
      if ("deliveryDelayMs" in patch) {
        const v = patch.deliveryDelayMs;
        if (!Number.isInteger(v) || v < 0 || v > 600_000) throw new Error("deliveryDelayMs: expected whole milliseconds from 0 to 600000");
        config.deliveryDelayMs = v;
      }
      store.version++;
      return config;
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
  carrier.configure({ failureRate, deliveryDelayMs });
  return carrier;
}
