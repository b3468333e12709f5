/**
 * Opening an SMTP session: the checks on the configuration, TCP or implicit TLS connect, the
 * greeting, EHLO (HELO when EHLO is refused), STARTTLS with `socket.startTls()`, and AUTH PLAIN
 * or LOGIN. Every failure here is a connection-level SmtpError: it says nothing about a message.
 */
import { connect } from "cloudflare:sockets";
import { parseEhlo, type EhloCapabilities } from "../../shared/email/smtp-reply";
import type { SmtpConfig } from "./smtp";
import { encodeUtf8, SmtpError, wireFor, withTimeout, type Wire } from "./smtp-wire";

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A session ready for transactions: the wire (the TLS one after STARTTLS) and what EHLO offered. */
export type Session = { wire: Wire; caps: EhloCapabilities };

/**
 * Throws on a configuration that can never work (misconfiguration fails at start-up, not per message).
 * @example checkConfig({ host: "", port: 587, tls: "starttls", heloName: "x" }) // throws
 */
export function checkConfig(cfg: SmtpConfig): void {
  const bad = (why: string) => new Error(`SMTP configuration: ${why}`);
  if (!cfg.host || /\s/.test(cfg.host)) throw bad(`host ${JSON.stringify(cfg.host)} is not a host name`);
  if (!Number.isInteger(cfg.port) || cfg.port < 1 || cfg.port > 65_535) throw bad(`port ${cfg.port} is not a port number`);
  if (!["none", "starttls", "implicit"].includes(cfg.tls)) throw bad(`tls must be "none", "starttls" or "implicit", not ${JSON.stringify(cfg.tls)}`);
  if (!cfg.heloName || /[\s<>]/.test(cfg.heloName)) throw bad(`heloName ${JSON.stringify(cfg.heloName)} is not a host name`);
  if ((cfg.user === undefined) !== (cfg.password === undefined)) throw bad("user and password go together");
  if (/[\r\n]/.test(`${cfg.user ?? ""}${cfg.password ?? ""}`)) throw bad("user and password cannot contain line breaks");
}

/**
 * Connects and runs the session opening. On failure the socket is closed and an SmtpError thrown.
 * @example const { wire, caps } = await openSession(cfg); // caps.pipelining, caps.size, …
 */
export async function openSession(cfg: SmtpConfig): Promise<Session> {
  const timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const where = `${cfg.host}:${cfg.port}`;
  const secureTransport = cfg.tls === "implicit" ? "on" : cfg.tls === "starttls" ? "starttls" : "off";
  let wire: Wire | null = null;
  try {
    const socket = connect({ hostname: cfg.host, port: cfg.port }, { secureTransport, allowHalfOpen: false });
    wire = wireFor(socket, timeoutMs);
    await withTimeout(socket.opened, timeoutMs, `connect to ${where}`);
    const greeting = await wire.reader.read();
    if (greeting.code !== 220) throw new SmtpError("reply", `${where} refused the session`, greeting);
    let caps = await hello(cfg, wire);
    if (cfg.tls === "starttls") {
      wire = await startTls(cfg, wire, caps, timeoutMs);
      caps = await hello(cfg, wire); // RFC 3207: forget everything learnt before TLS
    }
    if (cfg.user !== undefined) await authenticate(cfg, wire, caps);
    return { wire, caps };
  } catch (err) {
    wire?.watchdog.stop();
    void wire?.socket.close().catch(() => undefined);
    if (err instanceof SmtpError) throw err;
    throw new SmtpError("io", `cannot connect to ${where}: ${err instanceof Error ? err.message : String(err)}`, null, { cause: err });
  }
}

/** EHLO, or HELO (no extensions) from a server that does not know EHLO. */
async function hello(cfg: SmtpConfig, wire: Wire): Promise<EhloCapabilities> {
  await wire.writer.write(`EHLO ${cfg.heloName}\r\n`);
  const ehlo = await wire.reader.read();
  if (ehlo.code === 250) return parseEhlo(ehlo.lines);
  if (ehlo.code < 500) throw new SmtpError("reply", "EHLO failed", ehlo);
  await wire.writer.write(`HELO ${cfg.heloName}\r\n`);
  const helo = await wire.reader.read();
  if (helo.code !== 250) throw new SmtpError("reply", "HELO failed", helo);
  return parseEhlo([]);
}

/** STARTTLS: only when offered (no silent fall back to plain text), then the TLS socket. */
async function startTls(cfg: SmtpConfig, wire: Wire, caps: EhloCapabilities, timeoutMs: number): Promise<Wire> {
  if (!caps.startTls) throw new SmtpError("reply", `${cfg.host} does not offer STARTTLS (tls: "starttls" was asked for)`);
  await wire.writer.write("STARTTLS\r\n");
  const reply = await wire.reader.read();
  if (reply.code !== 220) throw new SmtpError("reply", "STARTTLS refused", reply);
  // Bytes after the 220 were sent in plain text and would be read as if from inside TLS
  // (the STARTTLS command injection of CVE-2011-0411): refuse them.
  if (wire.reader.hasBuffered) throw new SmtpError("reply", "the server sent data after its STARTTLS reply");
  wire.watchdog.stop();
  wire.reader.releaseLock();
  wire.writer.releaseLock();
  const tls = wire.socket.startTls();
  const next = wireFor(tls, timeoutMs);
  await withTimeout(tls.opened, timeoutMs, "TLS handshake");
  return next;
}

/** AUTH PLAIN when offered, else AUTH LOGIN; anything else is a configuration problem. */
async function authenticate(cfg: SmtpConfig, wire: Wire, caps: EhloCapabilities): Promise<void> {
  const user = cfg.user ?? "";
  const password = cfg.password ?? "";
  const expect = async (code: number, what: string) => {
    const reply = await wire.reader.read();
    if (reply.code !== code) throw new SmtpError("reply", what, reply);
  };
  if (caps.auth.includes("PLAIN")) {
    await wire.writer.write(`AUTH PLAIN ${base64(`\0${user}\0${password}`)}\r\n`);
    await expect(235, "AUTH PLAIN failed");
  } else if (caps.auth.includes("LOGIN")) {
    await wire.writer.write("AUTH LOGIN\r\n");
    await expect(334, "AUTH LOGIN refused");
    await wire.writer.write(`${base64(user)}\r\n`);
    await expect(334, "AUTH LOGIN refused the user name");
    await wire.writer.write(`${base64(password)}\r\n`);
    await expect(235, "AUTH LOGIN failed");
  } else {
    const offered = caps.auth.length ? caps.auth.join(", ") : "no AUTH at all";
    throw new SmtpError("reply", `${cfg.host} offers neither AUTH PLAIN nor LOGIN (offered: ${offered})`);
  }
}

function base64(text: string): string {
  let binary = "";
  for (const byte of encodeUtf8(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
