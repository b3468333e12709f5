// The SMTP client inside workerd against real SMTP servers on loopback (started by
// smtp-server.setup.ts): exact content as received and parsed by mailparser, AUTH, STARTTLS and
// implicit TLS, pipelined replies arriving in pieces, per-recipient and connection failures,
// the pool's reconnects, and a throughput check into Postfix's smtp-sink.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { classifyReply, dataPayload, enhancedCode, parseEhlo, parseReplyLine, pathArg } from "../../shared/email/smtp-reply";
import { sendBatch, SmtpConnection, SmtpMessenger, type SmtpConfig, type SmtpMessage } from "../../workers/email/smtp";
import type { SmtpTestServers } from "./smtp-server.setup";

declare global {
  namespace Cloudflare {
    interface Env {
      SMTP_TEST: SmtpTestServers;
    }
  }
}

const S = env.SMTP_TEST;
const DOMAIN = "pregon.test";

type Received = {
  server: string;
  mailFrom: string;
  rcptTo: string[];
  secure: boolean;
  user: string | null;
  subject: string | null;
  from: string | null;
  to: string | null;
  text: string | null;
  html: string | null;
  headerNames: string[];
  rawHeaders: string;
  raw: string;
};

const cfg = (port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig => ({ host: "127.0.0.1", port, tls: "none", heloName: "sender.pregon.test", timeoutMs: 5_000, ...extra });
const auth = { user: S.user, password: S.password };

let serial = 0;
/** A tag unique to one test: its recipients are `<tag>.<n>@pregon.test`, so lookups never see another test's mail. */
const tag = () => `t${Date.now().toString(36)}${(serial++).toString(36)}`;

function message(t: string, n: number | string, opts: { subject?: string; body?: string; id?: string } = {}): SmtpMessage {
  const rcptTo = `${t}.${n}@${DOMAIN}`;
  const data = [`From: Pregón <campanas@${DOMAIN}>`, `To: <${rcptTo}>`, `Subject: ${opts.subject ?? `Mensaje ${n}`}`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", opts.body ?? `Hola ${n}`, ""].join("\r\n");
  return { id: opts.id ?? `${t}-${n}`, mailFrom: `bounce+${t}-${n}@${DOMAIN}`, rcptTo, data };
}

async function receivedFor(t: string): Promise<Received[]> {
  const res = await fetch(`${S.control}/messages?to=${encodeURIComponent(`${t}.`)}`);
  return res.json();
}
async function stats(): Promise<Record<string, number>> {
  return (await fetch(`${S.control}/stats`)).json();
}
async function control(path: string, body: unknown = {}): Promise<void> {
  await (await fetch(`${S.control}${path}`, { method: "POST", body: JSON.stringify(body) })).arrayBuffer();
}

describe("shared/email/smtp-reply", () => {
  it("parses reply lines, enhanced codes and EHLO capabilities", () => {
    expect(parseReplyLine("250-PIPELINING")).toEqual({ code: 250, last: false, text: "PIPELINING" });
    expect(parseReplyLine("354")).toEqual({ code: 354, last: true, text: "" });
    expect(parseReplyLine("hello")).toBeNull();
    expect(enhancedCode(550, "5.1.1 <a@b.pe>: User unknown")).toBe("5.1.1");
    expect(enhancedCode(550, "4.1.1 mismatched class")).toBeNull();
    expect(enhancedCode(250, "Ok")).toBeNull();
    expect([200, 250, 354, 421, 451, 550, 554, 0].map(classifyReply)).toEqual(["accepted", "accepted", "deferred", "deferred", "deferred", "rejected", "rejected", "deferred"]);
    expect(parseEhlo(["mx.pe greets you", "PIPELINING", "SIZE 1000", "AUTH=PLAIN LOGIN", "auth login cram-md5", "STARTTLS", "8BITMIME"])).toEqual({
      pipelining: true,
      startTls: true,
      auth: ["PLAIN", "LOGIN", "CRAM-MD5"],
      size: 1000,
      eightBitMime: true,
      smtpUtf8: false,
    });
  });

  it("dot-stuffs, never sends a bare LF and ends with CRLF.CRLF", () => {
    expect(dataPayload("A: b\r\n\r\n.x\r\n..y\r\n.\r\nz")).toBe("A: b\r\n\r\n..x\r\n...y\r\n..\r\nz\r\n.\r\n");
    expect(dataPayload(".first\nbare\rcr\r\n")).toBe("..first\r\nbare\r\ncr\r\n.\r\n");
    expect(pathArg("")).toBe("<>");
    expect(pathArg("a@b.pe>\r\nRCPT TO:<c@d.pe")).toBeNull();
  });
});

describe("SmtpConnection", () => {
  it("delivers the exact message: headers, folded header, UTF-8, dot-stuffed lines restored", async () => {
    const t = tag();
    const rcptTo = `${t}.ana@${DOMAIN}`;
    const data = [
      `From: =?utf-8?Q?Preg=C3=B3n?= <campanas@${DOMAIN}>`,
      `To: Ana <${rcptTo}>`,
      "Subject: =?utf-8?Q?Ofertas_de_diciembre_=C2=A1ya!?=",
      "X-Campaign-Note: a header long enough to be folded by the message builder onto",
      "\ta second line",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      "Hola Ana,",
      ".una línea que empieza con punto",
      ".",
      "..dos puntos",
      "fin",
      "",
    ].join("\r\n");
    const conn = await SmtpConnection.open(cfg(S.main, auth));
    const result = await conn.send({ id: "d-1", mailFrom: `b+d-1@${DOMAIN}`, rcptTo, data });
    await conn.close();
    expect(result).toEqual({ id: "d-1", status: "accepted", code: 250, enhanced: "2.6.0", message: "250 2.6.0 queued" });
    const [got, ...more] = await receivedFor(t);
    expect(more).toEqual([]);
    expect(got!.raw).toBe(data);
    expect(got).toMatchObject({ server: "main", mailFrom: `b+d-1@${DOMAIN}`, rcptTo: [rcptTo], secure: false, user: S.user, subject: "Ofertas de diciembre ¡ya!", from: `"Pregón" <campanas@${DOMAIN}>`, to: `"Ana" <${rcptTo}>` });
    expect(got!.text).toBe("Hola Ana,\n.una línea que empieza con punto\n.\n..dos puntos\nfin\n");
    expect(got!.headerNames).toEqual(["from", "to", "subject", "x-campaign-note", "mime-version", "content-type", "content-transfer-encoding"]);
    expect(got!.rawHeaders).toContain("X-Campaign-Note: a header long enough to be folded by the message builder onto\r\n\ta second line\r\n");
  });

  it("turns bare LF and CR line ends into CRLF", async () => {
    const t = tag();
    const msg = message(t, 1);
    const conn = await SmtpConnection.open(cfg(S.main));
    const r = await conn.send({ ...msg, data: msg.data.replaceAll("\r\n", "\n").replace("Hola 1", "Hola\rmundo") });
    await conn.close();
    expect(r.status).toBe("accepted");
    expect((await receivedFor(t))[0]!.raw).toBe(msg.data.replace("Hola 1", "Hola\r\nmundo"));
  });

  it("sends many messages on one pipelined connection and goes on after refusals (RSET)", async () => {
    const t = tag();
    const before = (await stats())["main.connections"] ?? 0;
    const conn = await SmtpConnection.open(cfg(S.main));
    const sends = [message(t, 1), message(t, "reject-550"), message(t, 2), message(t, "defer-451"), message(t, "reject-data-554"), message(t, 3)].map((m) => conn.send(m));
    const results = await Promise.all(sends); // concurrent sends wait their turn on the connection
    await conn.close();
    expect(results.map((r) => [r.id, r.status, r.code, r.enhanced])).toEqual([
      [`${t}-1`, "accepted", 250, "2.6.0"],
      [`${t}-reject-550`, "rejected", 550, "5.1.1"],
      [`${t}-2`, "accepted", 250, "2.6.0"],
      [`${t}-defer-451`, "deferred", 451, "4.3.0"],
      [`${t}-reject-data-554`, "rejected", 554, "5.6.0"],
      [`${t}-3`, "accepted", 250, "2.6.0"],
    ]);
    expect(results[1]!.message).toBe(`RCPT TO: 550 5.1.1 <${t}.reject-550@${DOMAIN}>: Recipient address rejected: User unknown`);
    expect(results[4]!.message).toBe("end of data: 554 5.6.0 content rejected");
    expect((await receivedFor(t)).map((m) => m.rcptTo[0]).sort()).toEqual([1, 2, 3].map((n) => `${t}.${n}@${DOMAIN}`));
    expect((await stats())["main.connections"]).toBe(before + 1);
  });

  it("works one command at a time without PIPELINING, with AUTH LOGIN", async () => {
    const t = tag();
    const conn = await SmtpConnection.open(cfg(S.basic, auth));
    const results = [];
    for (const m of [message(t, 1), message(t, "reject-550"), message(t, 2)]) results.push(await conn.send(m));
    await conn.close();
    expect(results.map((r) => [r.status, r.code])).toEqual([["accepted", 250], ["rejected", 550], ["accepted", 250]]);
    const got = await receivedFor(t);
    expect(got.map((m) => [m.server, m.user, m.text])).toEqual([["basic", S.user, "Hola 1\n"], ["basic", S.user, "Hola 2\n"]]);
  });

  it("falls back to HELO when EHLO is refused", async () => {
    const t = tag();
    const conn = await SmtpConnection.open(cfg(S.legacy));
    const msg = message(t, 1, { body: ".punto\r\nfin" });
    expect(await conn.send(msg)).toMatchObject({ status: "accepted", code: 250 });
    await conn.close();
    expect((await receivedFor(t))[0]).toMatchObject({ server: "legacy", raw: msg.data, mailFrom: msg.mailFrom });
  });

  it("reads replies that arrive a few bytes at a time", async () => {
    const t = tag();
    const conn = await SmtpConnection.open(cfg(S.drip, auth));
    const results = await Promise.all([1, "reject-550", 2, 3].map((n) => conn.send(message(t, n))));
    await conn.close();
    expect(results.map((r) => `${r.code} ${r.enhanced}`)).toEqual(["250 2.6.0", "550 5.1.1", "250 2.6.0", "250 2.6.0"]);
    expect(await receivedFor(t)).toHaveLength(3);
  });

  it.skipIf(S.tlsMissing)(`upgrades with STARTTLS (certificate from the test CA) and authenticates inside TLS${S.tlsMissing ? ` — SKIPPED: ${S.tlsMissing}` : ""}`, async () => {
    const t = tag();
    for (const host of ["127.0.0.1", "localhost"]) {
      const conn = await SmtpConnection.open(cfg(S.main, { ...auth, host, tls: "starttls" }));
      expect((await conn.send(message(t, host))).status).toBe("accepted");
      await conn.close();
    }
    expect((await receivedFor(t)).map((m) => [m.secure, m.user])).toEqual([[true, S.user], [true, S.user]]);
  });

  it.skipIf(S.tlsMissing)(`speaks implicit TLS (port 465 style)${S.tlsMissing ? ` — SKIPPED: ${S.tlsMissing}` : ""}`, async () => {
    const t = tag();
    const conn = await SmtpConnection.open(cfg(S.tls, { ...auth, tls: "implicit" }));
    expect((await conn.send(message(t, 1))).status).toBe("accepted");
    await conn.close();
    expect((await receivedFor(t)).map((m) => [m.server, m.secure, m.subject])).toEqual([["tls", true, "Mensaje 1"]]);
  });

  it("refuses to go on without TLS when STARTTLS is asked for but not offered", async () => {
    await expect(SmtpConnection.open(cfg(S.legacy, { tls: "starttls" }))).rejects.toThrow(/does not offer STARTTLS/);
  });

  it("fails to open with the server's reason: wrong password, 421 greeting", async () => {
    await expect(SmtpConnection.open(cfg(S.main, { user: S.user, password: "wrong" }))).rejects.toThrow("AUTH PLAIN failed: 535 5.7.8 Authentication credentials invalid");
    await control("/control", { greeting421: 1 });
    await expect(SmtpConnection.open(cfg(S.main))).rejects.toThrow(/refused the session: 421 /);
  });

  it("times out a greeting that never comes", async () => {
    await control("/control", { greetingDelayMs: 2_000 });
    try {
      await expect(SmtpConnection.open(cfg(S.main, { timeoutMs: 300 }))).rejects.toThrow("no reply within 300 ms");
      const messenger = new SmtpMessenger(cfg(S.main, { timeoutMs: 300 }), 1);
      expect(await messenger.push(message(tag(), 1))).toMatchObject({ status: "deferred", code: 0, enhanced: "4.4.1", message: "connect: no reply within 300 ms" });
      await messenger.close();
    } finally {
      await control("/reset");
    }
  });

  it("defers on a read timeout and marks the connection unusable", async () => {
    const t = tag();
    const conn = await SmtpConnection.open(cfg(S.main, { timeoutMs: 300 }));
    const r = await conn.send(message(t, "slow-1500"));
    expect(r).toMatchObject({ status: "deferred", code: 0, enhanced: "4.4.2" });
    expect(r.message).toMatch(/^RCPT TO: no reply within 300 ms$/);
    expect(conn.usable).toBe(false);
    expect((await conn.send(message(t, 2))).status).toBe("deferred");
    await conn.close();
  });

  it("refuses addresses that would break the command line, without sending them", async () => {
    const conn = await SmtpConnection.open(cfg(S.main));
    const msg = message(tag(), 1);
    expect(await conn.send({ ...msg, rcptTo: "a@b.pe>\r\nRCPT TO:<victim@x.pe" })).toMatchObject({ status: "rejected", code: 501, enhanced: "5.1.3" });
    expect(await conn.send({ ...msg, mailFrom: "x y@b.pe" })).toMatchObject({ status: "rejected", code: 501, enhanced: "5.1.7" });
    expect((await conn.send(msg)).status).toBe("accepted");
    await conn.close();
  });
});

describe("SmtpMessenger", () => {
  it("sends a batch through the pool, results in order, one per message", async () => {
    const t = tag();
    const before = (await stats())["main.connections"] ?? 0;
    const messenger = new SmtpMessenger(cfg(S.main, auth), 4);
    const messages = Array.from({ length: 40 }, (_, i) => message(t, i === 13 ? "reject-550" : i === 27 ? "defer-451" : i));
    const results = await sendBatch(messenger, messages);
    await messenger.close();
    expect(results.map((r) => r.id)).toEqual(messages.map((m) => m.id));
    expect(results.filter((r) => r.status === "accepted")).toHaveLength(38);
    expect(results[13]).toMatchObject({ status: "rejected", code: 550, enhanced: "5.1.1" });
    expect(results[27]).toMatchObject({ status: "deferred", code: 451, enhanced: "4.3.0" });
    expect(await receivedFor(t)).toHaveLength(38);
    expect((await stats())["main.connections"]).toBe(before + 4);
  });

  it("a connection dropped mid-DATA defers that message only; the pool reconnects", async () => {
    const t = tag();
    const before = (await stats())["main.connections"] ?? 0;
    const messenger = new SmtpMessenger(cfg(S.main), 3);
    const big = "x".repeat(70) + "\r\n";
    const messages = Array.from({ length: 30 }, (_, i) => message(t, i === 7 || i === 19 ? `${i}.drop-data` : i, { body: big.repeat(300) }));
    const results = await sendBatch(messenger, messages);
    expect(results.filter((r) => r.status !== "accepted").map((r) => [r.id, r.status, r.code, r.enhanced])).toEqual([
      [`${t}-7.drop-data`, "deferred", 0, "4.4.2"],
      [`${t}-19.drop-data`, "deferred", 0, "4.4.2"],
    ]);
    expect(results[7]!.message).toMatch(/^end of data: /);
    const later = await sendBatch(messenger, [message(t, "later-1"), message(t, "later-2")]);
    expect(later.map((r) => r.status)).toEqual(["accepted", "accepted"]);
    await messenger.close();
    expect(await receivedFor(t)).toHaveLength(30);
    expect((await stats())["main.connections"]).toBe(before + 5); // 3, plus one new connection per drop
  });

  it("a 421 in the middle defers that message and the pool goes on", async () => {
    const t = tag();
    const messenger = new SmtpMessenger(cfg(S.main), 2);
    const results = await sendBatch(messenger, [0, 1, "close-421", 3, 4, 5].map((n) => message(t, n)));
    await messenger.close();
    expect(results.map((r) => `${r.status} ${r.code}`)).toEqual(["accepted 250", "accepted 250", "deferred 421", "accepted 250", "accepted 250", "accepted 250"]);
    expect(results[2]!.enhanced).toBe("4.4.2");
  });

  it("reuses a connection the relay closed while idle by retrying on a fresh one", async () => {
    const t = tag();
    const messenger = new SmtpMessenger(cfg(S.main), 1);
    expect((await messenger.push(message(t, 1))).status).toBe("accepted");
    await control("/kick");
    expect((await messenger.push(message(t, 2))).status).toBe("accepted");
    await messenger.close();
    expect(await receivedFor(t)).toHaveLength(2);
  });

  it("opens a new connection after maxMessagesPerConnection", async () => {
    const t = tag();
    const before = (await stats())["main.connections"] ?? 0;
    const messenger = new SmtpMessenger(cfg(S.main, { maxMessagesPerConnection: 5 }), 1);
    const results = await sendBatch(messenger, Array.from({ length: 12 }, (_, i) => message(t, i)));
    await messenger.close();
    expect(results.every((r) => r.status === "accepted")).toBe(true);
    expect((await stats())["main.connections"]).toBe(before + 3);
  });

  it("relay down: every message deferred quickly, nothing thrown", async () => {
    const t = tag();
    const messenger = new SmtpMessenger(cfg(S.dead), 5);
    const started = Date.now();
    const results = await sendBatch(messenger, Array.from({ length: 50 }, (_, i) => message(t, i)));
    await messenger.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(new Set(results.map((r) => `${r.status} ${r.code} ${r.enhanced}`))).toEqual(new Set(["deferred 0 4.4.1"]));
    expect(results[0]!.message).toMatch(/^connect: /);
  });

  it("session failures (AUTH refused) defer every message with the server's reason", async () => {
    const messenger = new SmtpMessenger(cfg(S.main, { user: S.user, password: "wrong" }), 2);
    const results = await sendBatch(messenger, [message(tag(), 1), message(tag(), 2)]);
    await messenger.close();
    expect(results.map((r) => `${r.status} ${r.code} ${r.enhanced}`)).toEqual(["deferred 535 5.7.8", "deferred 535 5.7.8"]);
  });

  it("throws on an impossible configuration and on push after close", async () => {
    expect(() => new SmtpMessenger(cfg(0), 2)).toThrow(/port 0/);
    expect(() => new SmtpMessenger(cfg(S.main), 0)).toThrow(/pool size/);
    const messenger = new SmtpMessenger(cfg(S.main), 1);
    await messenger.close();
    await expect(messenger.push(message(tag(), 1))).rejects.toThrow(/after close/);
  });

  it.skipIf(!S.sink)(`throughput into smtp-sink: 2,000 messages of 20 KB, pool 10${S.sink ? "" : ` — SKIPPED: ${S.sinkMissing}`}`, async () => {
    const t = tag();
    const line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\r\n"; // 76 bytes
    const body = line.repeat(Math.ceil(20_000 / line.length));
    const messages = Array.from({ length: 2_000 }, (_, i) => message(t, i, { body }));
    const messenger = new SmtpMessenger(cfg(S.sink), 10);
    const started = performance.now();
    const results = await sendBatch(messenger, messages);
    await messenger.close();
    const seconds = (performance.now() - started) / 1000;
    console.log(`smtp-sink: ${messages.length} messages of ${(messages[0]!.data.length / 1024).toFixed(1)} KB in ${seconds.toFixed(2)} s = ${Math.round(messages.length / seconds)} msg/s`);
    expect(results.filter((r) => r.status !== "accepted")).toEqual([]);
  });
});
