/**
 * A tiny SMTP server for the end-to-end tests (smtp-server on a free loopback port, no TLS, no
 * AUTH) that keeps every mail it receives, parsed with mailparser: envelope, subject, HTML and
 * attachment file names.
 * @example const smtp = await startCaptureSmtp(); …; smtp.mails.map((m) => m.subject); await smtp.close();
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export type CapturedMail = { from: string; to: string[]; subject: string; html: string; attachments: string[] };
export type CaptureSmtp = { port: number; mails: CapturedMail[]; close: () => Promise<void> };

export async function startCaptureSmtp(): Promise<CaptureSmtp> {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
              attachments: mail.attachments.map((a) => a.filename ?? ""),
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
