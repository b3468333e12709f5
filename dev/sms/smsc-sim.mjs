/**
 * A simulated carrier SMSC (SMPP 3.4 server, npm `smpp`) for Kannel to connect to, so the SMS
 * tests can prove what reaches a carrier: it binds Kannel as a transceiver (or transmitter and
 * receiver), answers each submit_sm with a message id (or an error status), records every submit
 * (source, destination, data_coding, esm_class, UDH and body bytes, decoded text), and after
 * `deliveryDelayMs` sends the delivery receipt (deliver_sm, esm_class 0x04) with the outcome
 * chosen in outcomes.mjs. It also injects mobile-originated messages (deliver_sm, esm_class 0).
 * A small HTTP control API (smsc-control.mjs) exposes the same to other processes.
 *
 * Standalone: `node dev/sms/smsc-sim.mjs` (SMPP on $SMPP_PORT, default 2775; control API on
 * $SMSC_CONTROL_PORT, default 2776; system_id/password "pregon"/"secret").
 */
import { EventEmitter } from "node:events";
import { pathToFileURL } from "node:url";
import smpp from "smpp";
import { keepRawShortMessage, rawShortMessage, decodeShortMessage, encodeMo } from "./smpp-codec.mjs";
import { DEFAULT_CONFIG, mergeConfig, chooseOutcome, receiptText, RECEIPT_STATES, seededRandom } from "./outcomes.mjs";
import { createControlServer } from "./smsc-control.mjs";

keepRawShortMessage();

/**
 * Starts the SMSC and its control API on 127.0.0.1. Port 0 (the default) picks a free port.
 * `systemId` / `password` null accept any login. `config` is a partial config (see outcomes.mjs).
 * @example const smsc = await startSmsc({ config: { deliveryDelayMs: 50 } });
 *          // Kannel: host 127.0.0.1, port smsc.port; curl `${smsc.controlUrl}/messages`
 */
export async function startSmsc({ host = "127.0.0.1", port = 0, controlPort = 0, systemId = "pregon", password = "secret", config = {} } = {}) {
  const initial = mergeConfig(DEFAULT_CONFIG, config);
  const state = { config: initial, random: seededRandom(initial.seed), nextId: 1, submits: [], mos: [] };
  const events = new EventEmitter();
  const sessions = new Set(); // bound sessions that may receive deliver_sm
  const sockets = new Set();
  const timers = new Set();

  const server = smpp.createServer((session) => {
    session.socket.setNoDelay(true); // without it, Nagle plus Kannel's delayed ACK adds ~40 ms a PDU
    sockets.add(session);
    session.on("error", (err) => events.emit("log", `session error: ${err.message}`));
    session.on("close", () => (sessions.delete(session), sockets.delete(session)));
    const bind = (pdu) => {
      const ok = (systemId === null || pdu.system_id === systemId) && (password === null || pdu.password === password);
      session.send(pdu.response(ok ? { system_id: "pregon-smsc" } : { command_status: smpp.ESME_RBINDFAIL }));
      if (!ok) return session.close();
      if (pdu.command !== "bind_transmitter") sessions.add(session);
      events.emit("bound", { systemId: pdu.system_id, mode: pdu.command.slice(5) });
    };
    for (const cmd of ["bind_transceiver", "bind_transmitter", "bind_receiver"]) session.on(cmd, bind);
    session.on("enquire_link", (pdu) => session.send(pdu.response()));
    session.on("unbind", (pdu) => (session.send(pdu.response()), session.close()));
    session.on("submit_sm", (pdu) => onSubmit(session, pdu));
  });

  function onSubmit(session, pdu) {
    const raw = rawShortMessage(pdu);
    const decoded = decodeShortMessage(raw, pdu.data_coding, pdu.esm_class);
    const outcome = chooseOutcome(state.config, pdu.destination_addr, state.random);
    const record = {
      seq: state.submits.length + 1,
      id: outcome.kind === "receipt" ? (state.nextId++).toString(16).toUpperCase().padStart(8, "0") : null,
      at: new Date().toISOString(),
      from: pdu.source_addr,
      to: pdu.destination_addr,
      dataCoding: pdu.data_coding,
      esmClass: pdu.esm_class,
      registeredDelivery: pdu.registered_delivery,
      udh: decoded.udh ? decoded.udh.toString("hex") : null,
      concat: decoded.concat,
      shortMessage: raw.toString("hex"),
      body: decoded.body.toString("hex"),
      text: decoded.text,
      outcome: outcome.kind === "receipt" ? outcome.stat : outcome.status,
      receipt: null,
    };
    state.submits.push(record);
    if (outcome.kind === "error") {
      session.send(pdu.response({ command_status: outcome.code }));
      events.emit("submit", record);
      return;
    }
    session.send(pdu.response({ message_id: record.id }));
    events.emit("submit", record);
    if (!(pdu.registered_delivery & 0x03)) return; // no receipt asked for
    const submitted = new Date();
    const timer = setTimeout(() => {
      timers.delete(timer);
      const target = session.socket.destroyed ? [...sessions][0] : session;
      if (!target) return events.emit("log", `receipt for ${record.id} dropped: no bound session`);
      const text = receiptText({ id: record.id, stat: outcome.stat, submitted, done: new Date(), text: record.text });
      target.deliver_sm({
        source_addr: pdu.destination_addr,
        destination_addr: pdu.source_addr,
        esm_class: 0x04,
        data_coding: 0,
        short_message: Buffer.from(text, "latin1"),
        receipted_message_id: record.id,
        message_state: RECEIPT_STATES[outcome.stat].messageState,
      });
      record.receipt = { at: new Date().toISOString(), stat: outcome.stat, text };
      events.emit("receipt", record);
    }, state.config.deliveryDelayMs);
    timers.add(timer);
  }

  /** Sends a mobile-originated message to every bound receiving session; resolves with how many acknowledged it. */
  async function sendMo({ from, to, text, coding }) {
    const { dataCoding, bytes } = encodeMo(text, coding);
    const targets = [...sessions];
    const mo = { seq: state.mos.length + 1, at: new Date().toISOString(), from, to, text, dataCoding, bytes: bytes.toString("hex"), acked: 0 };
    state.mos.push(mo);
    const acks = await Promise.all(
      targets.map(
        (s) =>
          new Promise((resolve) => {
            const t = setTimeout(() => resolve(false), 5000);
            s.deliver_sm({ source_addr: from, destination_addr: to, esm_class: 0, data_coding: dataCoding, short_message: bytes }, (resp) => {
              clearTimeout(t);
              resolve(resp.command_status === 0);
            });
          }),
      ),
    );
    mo.acked = acks.filter(Boolean).length;
    events.emit("mo", mo);
    return { ...mo, sessions: targets.length };
  }

  const smsc = {
    events,
    /** Recorded submits, oldest first; `to` filters by destination (with or without "+"). */
    messages: (to) => (to ? state.submits.filter((m) => m.to.replace(/^\+/, "") === String(to).replace(/^\+/, "")) : state.submits),
    mos: () => state.mos,
    config: () => state.config,
    sessions: () => sessions.size,
    pendingReceipts: () => timers.size,
    configure(patch) {
      state.config = mergeConfig(state.config, patch);
      if ("seed" in patch) state.random = seededRandom(state.config.seed);
      return state.config;
    },
    reset() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      state.submits = [];
      state.mos = [];
      state.config = initial;
      state.random = seededRandom(initial.seed);
    },
    sendMo,
    /** Resolves once a session able to receive deliver_sm is bound (Kannel connected). */
    waitForBind(timeoutMs = 15_000) {
      if (sessions.size) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => (events.off("bound", on), reject(new Error(`no SMPP bind within ${timeoutMs} ms`))), timeoutMs);
        const on = () => sessions.size && (clearTimeout(t), events.off("bound", on), resolve());
        events.on("bound", on);
      });
    },
  };

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => (server.off("error", reject), resolve()));
  });
  const control = createControlServer(smsc);
  await new Promise((resolve, reject) => {
    control.once("error", reject);
    control.listen(controlPort, host, () => (control.off("error", reject), resolve()));
  });

  return Object.assign(smsc, {
    port: server.address().port,
    controlUrl: `http://${host}:${control.address().port}`,
    async stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      control.closeAllConnections?.();
      await Promise.all([new Promise((r) => server.close(() => r())), new Promise((r) => control.close(() => r()))]);
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const smsc = await startSmsc({ port: Number(process.env.SMPP_PORT ?? 2775), controlPort: Number(process.env.SMSC_CONTROL_PORT ?? 2776) });
  smsc.events.on("log", (line) => console.log(line));
  smsc.events.on("bound", (b) => console.log(`bound ${b.systemId} (${b.mode})`));
  smsc.events.on("submit", (m) => console.log(`submit_sm ${m.id ?? m.outcome} ${m.from} → ${m.to} dc=${m.dataCoding} esm=0x${m.esmClass.toString(16)} udh=${m.udh ?? "-"} ${JSON.stringify(m.text)}`));
  smsc.events.on("receipt", (m) => console.log(`receipt ${m.id} stat:${m.receipt.stat}`));
  console.log(`SMSC simulator: SMPP 127.0.0.1:${smsc.port} (pregon/secret), control ${smsc.controlUrl}`);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => smsc.stop().then(() => process.exit(0)));
}
