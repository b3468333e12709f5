/**
 * A local SMTP capture relay with a web inbox, so `npm start` sends real SMTP without mailing
 * anyone: an smtp-server on 127.0.0.1:2525 (no TLS; AUTH optional and any login accepted;
 * PIPELINING) keeps what it receives in memory (the last 2,000 mails), and
 * http://127.0.0.1:8025 shows them ("Bandeja de prueba"). Opening a mail there loads its images,
 * so the tracking pixel reaches the local Worker as it would from a real mail client.
 * The Worker is told where to send: SMTP_HOST, SMTP_PORT and SMTP_TLS=none as `--var`s.
 * Ports: $PREGON_SMTP_PORT (default 2525) and $PREGON_INBOX_PORT (default 8025).
 */
import { SMTPServer } from "smtp-server";
import { Inbox } from "./inbox/store.mjs";
import { createInboxWeb } from "./inbox/web.mjs";

const smtpPort = () => Number(process.env.PREGON_SMTP_PORT ?? 2525);
const webPort = () => Number(process.env.PREGON_INBOX_PORT ?? 8025);

export const smtpInbox = {
  name: "smtp-inbox",
  title: "the local SMTP inbox",
  ports: () => [smtpPort(), webPort()],
  async start({ host }) {
    const inbox = new Inbox(2000);
    const smtp = new SMTPServer({
      logger: false,
      banner: "Pregón bandeja de prueba",
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ["STARTTLS"],
      size: 25 * 1024 * 1024,
      // A trap for mail, not a gate: whatever SMTP_USER / SMTP_PASSWORD say, the login works.
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
      onData(stream, session, callback) {
        const chunks = [];
        stream.on("data", (chunk) => chunks.push(chunk));
        stream.on("end", () => {
          const envelope = { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", rcptTo: session.envelope.rcptTo.map((r) => r.address) };
          inbox.add(Buffer.concat(chunks), envelope).then(() => callback(null, "guardado en la bandeja de prueba"), callback);
        });
      },
    });
    smtp.on("error", (err) => console.error(`[smtp-inbox] ${err.message}`));
    const web = createInboxWeb(inbox, { smtp: `${host}:${smtpPort()}` });
    const closers = [await listen(smtp.server, host, smtpPort()), await listen(web, host, webPort())];

    const workerHost = host === "0.0.0.0" ? "127.0.0.1" : host;
    return {
      stop: () => Promise.all(closers.map((close) => close())),
      banner: [
        ["Bandeja de prueba (correo)", `http://${workerHost}:${webPort()}`],
        ["SMTP local", `${workerHost}:${smtpPort()} (sin TLS, acepta todo)`],
      ],
      vars: { SMTP_HOST: workerHost, SMTP_PORT: String(smtpPort()), SMTP_TLS: "none" },
    };
  },
};

/** Listens; resolves with a close function that also cuts open connections (the Worker keeps SMTP connections pooled). */
function listen(server, host, port) {
  const sockets = new Set();
  server.on("connection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(
        () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      );
    });
  });
}
