/**
 * Postfix's smtp-sink (Debian package `postfix`) on a loopback port, in its own process group,
 * counting what it receives: with -c it prints running counters ("sess=N quit=N mesg=N", mesg
 * being the messages whose final "." it has received) each time one changes; the latest one is
 * kept here. As root it must drop privileges (-u nobody). Stop it with `sink.stop()` (SIGTERM to
 * its group; it ignores SIGINT).
 *
 * @example const sink = await startSmtpSink(); …; sink.messages // messages received so far
 */
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { spawnGroup } from "../../lib/proc.mjs";
import { freePort } from "./instance.mjs";

const BIN = ["/usr/sbin/smtp-sink", "/usr/bin/smtp-sink"];

export async function startSmtpSink({ backlog = 1000 } = {}) {
  const bin = BIN.find((b) => existsSync(b));
  if (!bin) throw new Error("smtp-sink not found: install Postfix (DEBIAN_FRONTEND=noninteractive apt-get install -y postfix)");
  const port = await freePort();
  const args = ["-c", ...(process.getuid?.() === 0 ? ["-u", "nobody"] : []), `127.0.0.1:${port}`, String(backlog)];
  const counters = { sess: 0, quit: 0, mesg: 0 };
  const stderr = [];
  const parse = (line) => {
    // One "sess=N quit=N mesg=N" per \r (readline splits on \r as well as \n).
    const m = /sess=(\d+) quit=(\d+) mesg=(\d+)/.exec(line);
    if (m) {
      counters.sess = Number(m[1]);
      counters.quit = Number(m[2]);
      counters.mesg = Number(m[3]);
    } else if (line.trim()) stderr.push(line);
  };
  const proc = spawnGroup(bin, args, { onLine: parse });
  // Listening once a connection gets its 220 greeting.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = connect({ host: "127.0.0.1", port }, () => {
        s.once("data", (d) => {
          resolve(d.toString().startsWith("220"));
          s.end("QUIT\r\n");
        });
      });
      s.on("error", () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`smtp-sink did not answer on 127.0.0.1:${port}: ${stderr.slice(-5).join(" | ")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    pid: proc.pid,
    /** Messages received so far (completed DATA). */
    get messages() {
      return counters.mesg;
    },
    get sessions() {
      return counters.sess;
    },
    /** Resolves when the counter reaches `n` or `timeoutMs` passes; returns the count. */
    async waitFor(n, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      while (counters.mesg < n && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      return counters.mesg;
    },
    stop: () => proc.stop(),
  };
}
