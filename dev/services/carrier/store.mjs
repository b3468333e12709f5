/**
 * The local carrier's memory: the last `cap` messages the product sent (oldest dropped first),
 * each with its delivery state and the DLR calls made for it, and the replies (MO) injected from
 * the page. `version` changes on every write, so the page polls cheaply and redraws only then.
 */
import { randomUUID } from "node:crypto";

export class CarrierStore {
  constructor(cap = 2000) {
    this.cap = cap;
    this.messages = [];
    this.mos = [];
    this.version = 0;
    this.nextId = 1;
  }

  /** Keeps one accepted message; returns its record (id is the "SMSC message id", %F). */
  addMessage(message) {
    const record = {
      id: (this.nextId++).toString(16).toUpperCase().padStart(8, "0"),
      uuid: randomUUID(),
      at: new Date().toISOString(),
      ...message,
      state: "accepted", // → "delivered" | "failed"
      callbacks: [],
    };
    this.messages.push(record);
    if (this.messages.length > this.cap) this.messages.splice(0, this.messages.length - this.cap);
    this.version++;
    return record;
  }

  /** Records a state change or a callback's result on a message still kept. */
  update(record, change) {
    if (change.state) record.state = change.state;
    if (change.callback) record.callbacks.push(change.callback);
    this.version++;
  }

  /** Keeps one reply and the result of delivering it to the MO URL (filled in later). */
  addMo(mo) {
    const record = { id: `mo-${this.mos.length + 1}`, at: new Date().toISOString(), ...mo, result: null };
    this.mos.push(record);
    if (this.mos.length > this.cap) this.mos.splice(0, this.mos.length - this.cap);
    this.version++;
    return record;
  }

  setMoResult(record, result) {
    record.result = result;
    this.version++;
  }

  /** Messages sent to `number` (without "+"), oldest first; all when no number. */
  sentTo(number) {
    return number ? this.messages.filter((m) => m.to === number.replace(/^\+/, "")) : this.messages;
  }

  clear() {
    this.messages = [];
    this.mos = [];
    this.version++;
  }
}
