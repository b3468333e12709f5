/**
 * vitest globalSetup (Node side) for tests/worker/smtp.test.ts: real SMTP servers on loopback
 * for the client running inside workerd, and a control endpoint the tests fetch.
 *
 *   main     smtp-server: PIPELINING, AUTH PLAIN/LOGIN (optional), STARTTLS with a certificate for
 *            localhost + 127.0.0.1 signed by a test CA made here with openssl; workerd is made to
 *            trust that CA through SSL_CERT_FILE (see trustTestCa)
 *   basic    smtp-server: AUTH LOGIN only, no PIPELINING (the one-command-at-a-time path)
 *   tls      smtp-server with implicit TLS (as on port 465), same certificate
 *   legacy   a few lines of raw SMTP that refuse EHLO (the HELO fallback)
 *   drip     a proxy to `main` that hands the server's bytes to the client in 1–7 byte pieces
 *   dead     a port nothing listens on (the relay is down)
 *   sink     Postfix smtp-sink when it is installed (the throughput check), else 0
 *
 * Faults are chosen per recipient, so parallel tests cannot disturb each other:
 * reject-550@ (RCPT 550 5.1.1), defer-451@ (RCPT 451), close-421@ (RCPT 421 and hang up),
 * drop-data@ (the connection is cut in the middle of the body), reject-data-554@ (554 after the
 * body), slow-<ms>@ (RCPT answered after <ms>). Session faults are set through the control
 * endpoint: POST /control {"greeting421": n, "greetingDelayMs": ms} (every server but `faults`),
 * {"faultsGreeting421": n} (only the `faults` server).
 * Control: GET /messages?to=<substring> (parsed with mailparser), GET /stats (connections per
 * server), POST /kick (cut every session on `main`, as a relay does to idle clients), POST /reset.
 * Without the openssl CLI there is no certificate: `tls` is 0, `tlsMissing` says why.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { connect as tcpConnect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from "smtp-server";
import type { TestProject } from "vitest/node";

export type SmtpTestServers = {
  control: string;
  main: number;
  basic: number;
  tls: number;
  legacy: number;
  drip: number;
  /** Like `main`, with session faults of its own (POST /control {"faultsGreeting421": n}). */
  faults: number;
  dead: number;
  sink: number;
  /** Why `sink` is 0. */
  sinkMissing: string | null;
  /** Why `tls` is 0 and `main` offers no STARTTLS. */
  tlsMissing: string | null;
  user: string;
  password: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    smtpServers: SmtpTestServers;
  }
}

type Received = { server: string; mailFrom: string; rcptTo: string[]; raw: string; secure: boolean; user: string | null };

const USER = "pregon";
const PASSWORD = "s3cret-ñandú";
const received: Received[] = [];
const stats: Record<string, number> = {};
const session = { greeting421: 0, greetingDelayMs: 0, faultsGreeting421: 0 };

const count = (key: string) => (stats[key] = (stats[key] ?? 0) + 1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

function smtpServer(name: string, options: SMTPServerOptions): SMTPServer {
  const server: SMTPServer = new SMTPServer({
    logger: false,
    banner: `pregon test ${name}`,
    authOptional: true,
    allowInsecureAuth: true,
    size: 10 * 1024 * 1024,
    hideENHANCEDSTATUSCODES: false, // off by default in smtp-server; real relays send them
    ...options,
    onConnect(_s, callback) {
      count(`${name}.connections`);
      // The "faults" server has its own counter, so a campaign test can take it down without
      // refusing the sessions of tests running meanwhile on the other servers.
      if (name === "faults" && session.faultsGreeting421 > 0) {
        session.faultsGreeting421--;
        return callback(smtpError(421, "too busy, come back later"));
      }
      if (name !== "faults" && session.greeting421 > 0) {
        session.greeting421--;
        return callback(smtpError(421, "too busy, come back later"));
      }
      setTimeout(callback, session.greetingDelayMs);
    },
    onAuth(auth, _s, callback) {
      if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: USER });
      callback(smtpError(535, "Authentication credentials invalid"));
    },
    onRcptTo(address, _s, callback) {
      const local = address.address.split("@")[0] ?? "";
      const slow = /(?:^|\.)slow-(\d+)$/.exec(local);
      if (local.endsWith("reject-550")) return callback(smtpError(550, `<${address.address}>: Recipient address rejected: User unknown`));
      if (local.endsWith("defer-451")) return callback(smtpError(451, `<${address.address}>: try again later`));
      if (local.endsWith("close-421")) return callback(smtpError(421, "shutting down"));
      if (slow) return void setTimeout(() => callback(), Number(slow[1]));
      callback();
    },
    onData(stream, s, callback) {
      const rcpts = s.envelope.rcptTo.map((a) => a.address);
      if (rcpts.some((a) => a.split("@")[0]?.endsWith("drop-data"))) {
        // Cut the TCP connection once part of the body has arrived.
        stream.once("data", () => connectionOf(server, s)?.destroy());
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (rcpts.some((a) => a.split("@")[0]?.endsWith("reject-data-554"))) return callback(smtpError(554, "content rejected"));
        const from = s.envelope.mailFrom === false ? "" : s.envelope.mailFrom.address;
        received.push({ server: name, mailFrom: from, rcptTo: rcpts, raw: Buffer.concat(chunks).toString("utf8"), secure: s.secure, user: (s.user as string | undefined) ?? null });
        callback(null, "queued");
      });
    },
  });
  // Clients that hang up mid-handshake (the TLS tests do) must not crash the test run.
  server.on("error", () => undefined);
  return server;
}

/** smtp-server keeps its sockets private; the drop-data fault needs the raw one. */
function connectionOf(server: SMTPServer, s: SMTPServerSession): Socket | undefined {
  for (const conn of server.connections) if ((conn as unknown as { id: string }).id === s.id) return (conn as unknown as { _socket: Socket })._socket;
  return undefined;
}

/** An SMTP server from before ESMTP: EHLO is unknown, no extensions. Enough for one message at a time. */
function legacyServer(): TcpServer {
  return createTcpServer((socket) => {
    count("legacy.connections");
    let buf = "";
    let data: string | null = null;
    let envelope = { mailFrom: "", rcptTo: [] as string[] };
    socket.write("220 legacy.test SMTP ready\r\n");
    socket.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      for (let i = buf.indexOf("\r\n"); i >= 0; i = buf.indexOf("\r\n")) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data !== null) {
          if (line !== ".") data += `${line.startsWith(".") ? line.slice(1) : line}\r\n`;
          else {
            received.push({ server: "legacy", ...envelope, raw: data, secure: false, user: null });
            data = null;
            envelope = { mailFrom: "", rcptTo: [] };
            socket.write("250 ok\r\n");
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("502 command not implemented\r\n");
        else if (verb === "HELO") socket.write("250 legacy.test\r\n");
        else if (verb === "MAIL") (envelope.mailFrom = /<(.*)>/.exec(line)?.[1] ?? ""), socket.write("250 ok\r\n");
        else if (verb === "RCPT") envelope.rcptTo.push(/<(.*)>/.exec(line)?.[1] ?? ""), socket.write("250 ok\r\n");
        else if (verb === "DATA") (data = ""), socket.write("354 go ahead\r\n");
        else if (verb === "RSET") socket.write("250 ok\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("500 what?\r\n");
      }
    });
    socket.on("error", () => undefined);
  });
}

/** A TCP proxy whose server-to-client bytes arrive in small, delayed pieces. */
function dripProxy(target: () => number): TcpServer {
  return createTcpServer((client) => {
    client.setNoDelay(true);
    const upstream = tcpConnect(target(), "127.0.0.1");
    let chain = Promise.resolve();
    upstream.on("data", (chunk: Buffer) => {
      chain = chain.then(async () => {
        for (let i = 0; i < chunk.length; ) {
          const n = 1 + ((i * 7) % 7);
          if (!client.destroyed) client.write(chunk.subarray(i, i + n));
          i += n;
          await sleep(1);
        }
      });
    });
    client.on("data", (chunk) => upstream.write(chunk));
    const end = () => chain.then(() => (client.destroy(), upstream.destroy()));
    upstream.on("close", end).on("error", end);
    client.on("close", () => upstream.destroy()).on("error", () => upstream.destroy());
  });
}

async function parsed(m: Received) {
  const mail = await simpleParser(m.raw);
  const headerBlock = m.raw.slice(0, m.raw.indexOf("\r\n\r\n"));
  return {
    server: m.server,
    mailFrom: m.mailFrom,
    rcptTo: m.rcptTo,
    secure: m.secure,
    user: m.user,
    subject: mail.subject ?? null,
    from: mail.from?.text ?? null,
    to: (Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : mail.to?.text) ?? null,
    text: mail.text ?? null,
    html: typeof mail.html === "string" ? mail.html : null,
    headerNames: mail.headerLines.map((h) => h.key),
    rawHeaders: headerBlock,
    raw: m.raw,
  };
}

function controlServer(main: SMTPServer): HttpServer {
  return createHttpServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://control");
    const body = await new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (c) => (text += c)).on("end", () => resolve(text));
    });
    const json = (value: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
    try {
      if (req.method === "GET" && url.pathname === "/messages") {
        const to = url.searchParams.get("to") ?? "";
        return json(await Promise.all(received.filter((m) => m.rcptTo.some((r) => r.includes(to))).map(parsed)));
      }
      if (req.method === "GET" && url.pathname === "/stats") return json(stats);
      if (req.method === "POST" && url.pathname === "/control") return json(Object.assign(session, JSON.parse(body || "{}")));
      if (req.method === "POST" && url.pathname === "/kick") {
        // What a relay does to idle clients: every open session on `main` is cut.
        const conns = [...main.connections];
        for (const conn of conns) (conn as unknown as { _socket: Socket })._socket.destroy();
        return json({ kicked: conns.length });
      }
      if (req.method === "POST" && url.pathname === "/reset") {
        Object.assign(session, { greeting421: 0, greetingDelayMs: 0, faultsGreeting421: 0 });
        return json({ ok: true });
      }
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
}

/** A port that was free a moment ago and is closed now (nothing listens there). */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

/** Destroys the sockets a plain TCP server still has open, so that close() returns. */
function closeHard(server: TcpServer | HttpServer): Promise<void> {
  const sockets = (server as unknown as { sockets?: Set<Socket> }).sockets ?? new Set();
  for (const s of sockets) s.destroy();
  return new Promise((r) => server.close(() => r()));
}

function track<T extends TcpServer | HttpServer>(server: T): T {
  const sockets = new Set<Socket>();
  Object.assign(server, { sockets });
  server.on("connection", (s: Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  return server;
}

function listen(server: TcpServer | HttpServer | SMTPServer, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const net = server instanceof SMTPServer ? server.server : server;
    net.once("error", reject);
    net.listen(port, "127.0.0.1", () => resolve((net.address() as AddressInfo).port));
  });
}

/**
 * A test CA and a certificate it signs for localhost / 127.0.0.1, made with the openssl CLI (Node
 * cannot make certificates). Two levels because workerd's TLS (rustls/webpki) refuses a CA
 * certificate presented as the server's own (CaUsedAsEndEntity), which a one-step self-signed
 * certificate is.
 */
function makeCertificates(): { ca: string; key: string; cert: string } | string {
  const dir = mkdtempSync(join(tmpdir(), "pregon-smtp-cert-"));
  const f = (name: string) => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
  try {
    writeFileSync(f("ext.cnf"), "basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl("req", "-x509", ...ec, "-days", "2", "-subj", "/CN=Pregon test CA", "-keyout", f("ca.key"), "-out", f("ca.pem"));
    openssl("req", ...ec, "-subj", "/CN=localhost", "-keyout", f("key.pem"), "-out", f("leaf.csr"));
    openssl("x509", "-req", "-in", f("leaf.csr"), "-CA", f("ca.pem"), "-CAkey", f("ca.key"), "-set_serial", "1", "-days", "2", "-extfile", f("ext.cnf"), "-out", f("cert.pem"));
    const read = (name: string) => readFileSync(f(name), "utf8");
    return { ca: read("ca.pem"), key: read("key.pem"), cert: read("cert.pem") };
  } catch (err) {
    return `no test certificate (the openssl CLI failed or is missing: ${(err as Error).message.split("\n")[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes workerd trust the test CA. Miniflare reads NODE_EXTRA_CA_CERTS once, when the config
 * imports it (before this setup runs), but workerd's TLS client honours SSL_CERT_FILE, and the
 * runtime is started after globalSetup, as a child of this process: a bundle of the system's CAs
 * plus the test CA, named there, is trusted by connect() with secureTransport "on" and startTls().
 */
function trustTestCa(ca: string): () => void {
  const system = [process.env.SSL_CERT_FILE, "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"].find((f) => f && existsSync(f));
  const dir = mkdtempSync(join(tmpdir(), "pregon-smtp-ca-"));
  const bundle = join(dir, "bundle.pem");
  writeFileSync(bundle, `${system ? readFileSync(system, "utf8") : ""}\n${ca}`);
  const before = process.env.SSL_CERT_FILE;
  process.env.SSL_CERT_FILE = bundle;
  return () => {
    if (before === undefined) delete process.env.SSL_CERT_FILE;
    else process.env.SSL_CERT_FILE = before;
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Postfix smtp-sink on a free port, when installed; resolves once it accepts connections. */
async function startSink(): Promise<{ port: number; proc: ChildProcess } | string> {
  const bin = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin"].map((d) => join(d, "smtp-sink")).find((p) => existsSync(p));
  if (!bin) return "smtp-sink (Debian package postfix) is not installed";
  const port = await freePort();
  const args = [...(process.getuid?.() === 0 ? ["-u", "nobody"] : []), `127.0.0.1:${port}`, "1000"];
  const proc = spawn(bin, args, { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, "127.0.0.1", () => (s.destroy(), resolve(true))).on("error", () => resolve(false));
    });
    if (up) return { port, proc };
    if (proc.exitCode !== null) return `smtp-sink exited with code ${proc.exitCode}`;
    await sleep(50);
  }
  proc.kill();
  return "smtp-sink did not start listening";
}

export default async function setup(project: TestProject) {
  const certs = makeCertificates();
  const untrust = typeof certs === "string" ? () => undefined : trustTestCa(certs.ca);
  const tlsOptions: SMTPServerOptions = typeof certs === "string" ? { hideSTARTTLS: true } : { key: certs.key, cert: certs.cert };
  const main = smtpServer("main", { ...tlsOptions, authMethods: ["PLAIN", "LOGIN"] });
  const faults = smtpServer("faults", { ...tlsOptions, authMethods: ["PLAIN", "LOGIN"] });
  const basic = smtpServer("basic", { ...tlsOptions, authMethods: ["LOGIN"], hidePIPELINING: true });
  const tls = smtpServer("tls", { ...tlsOptions, secure: true, authMethods: ["PLAIN", "LOGIN"] });
  const legacy = track(legacyServer());
  const mainPort = await listen(main);
  const drip = track(dripProxy(() => mainPort));
  const control = track(controlServer(main));
  const dead = await freePort();
  const sink = await startSink();
  const servers: SmtpTestServers = {
    control: `http://127.0.0.1:${await listen(control)}`,
    main: mainPort,
    faults: await listen(faults),
    basic: await listen(basic),
    tls: typeof certs === "string" ? 0 : await listen(tls),
    legacy: await listen(legacy),
    drip: await listen(drip),
    dead,
    sink: typeof sink === "string" ? 0 : sink.port,
    sinkMissing: typeof sink === "string" ? sink : null,
    tlsMissing: typeof certs === "string" ? certs : null,
    user: USER,
    password: PASSWORD,
  };
  project.provide("smtpServers", servers);

  return async () => {
    untrust();
    if (typeof sink !== "string") sink.proc.kill();
    for (const s of [main, basic, tls]) for (const conn of s.connections) (conn as unknown as { _socket: Socket })._socket.destroy();
    await Promise.all([
      ...[main, basic, tls].map((s) => new Promise((r) => (s.server.listening ? s.close(() => r(null)) : r(null)))),
      ...[legacy, drip, control].map(closeHard),
    ]);
  };
}
