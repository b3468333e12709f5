/**
 * Debian's Kannel (bearerbox + smsbox) started and stopped for the SMS tests, from a generated
 * kannel.conf in a fresh temporary directory, on free loopback ports, with an SMPP link to the
 * simulated SMSC (smsc-sim.mjs, re-exported here as `startSmsc`).
 *
 * Order, as found by trying (see /work/shared/reference/NOTES.md, SMS): start bearerbox; wait
 * until its smsbox port listens, checked with `ss` (a test connection to that port would be taken
 * for a box); start smsbox; wait until /status.txt shows the smsbox on-line (and the SMPP link
 * online, when asked). Stop smsbox before bearerbox, else smsbox reconnects under a new PID.
 * A bearerbox the Debian package may have started from /etc/kannel keeps Kannel's default ports
 * (13000/13001/13013); these never use them, so both can run side by side.
 *
 * By hand: `node dev/sms/kannel.mjs` starts the simulated SMSC and Kannel together and prints
 * where they listen; MO messages go to $KANNEL_MO_URL (default: the local Worker's
 * /hooks/sms/local/mo with the secret .dev.vars implies), the sendsms login is pregon /
 * $KANNEL_PASSWORD (default "pregon-kannel").
 */
import { execFile } from "node:child_process";
import { pathToFileURL } from "node:url";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { spawnGroup } from "../lib/proc.mjs";
import { freePort } from "../lib/net.mjs";
import { buildKannelConf } from "./kannel-conf.mjs";

export { startSmsc } from "./smsc-sim.mjs";

const BIN = "/usr/sbin";
const run = promisify(execFile);

/**
 * Starts Kannel against an SMSC on 127.0.0.1:`smsc.port`. `moUrl` is where MO messages go (its
 * get-url; Kannel's escapes are appended when it has none). Resolves once smsbox is on-line and,
 * with `waitForSmsc` (default true), the SMPP link is bound.
 * @example const smsc = await startSmsc();
 *   const kannel = await startKannel({ smsc: { port: smsc.port }, moUrl: "http://127.0.0.1:9000/mo" });
 *   await fetch(`${kannel.sendsmsUrl}?username=${kannel.username}&password=${kannel.password}&to=51987654321&text=Hola`);
 *   await kannel.stop();
 */
export async function startKannel({ smsc, moUrl, username = "pregon", password, maxMessages = 10, throughput = 1000, resendSeconds = 2, waitForSmsc = true, timeoutMs = 30_000 } = {}) {
  if (!existsSync(`${BIN}/bearerbox`) || !existsSync(`${BIN}/smsbox`)) {
    throw new Error("Kannel is not installed (no /usr/sbin/bearerbox): on Debian run `apt-get install -y kannel`.");
  }
  const dir = await mkdtemp(join(tmpdir(), "pregon-kannel-"));
  const [adminPort, smsboxPort, sendsmsPort] = [await freePort(), await freePort(), await freePort()];
  const adminPassword = randomBytes(9).toString("base64url");
  const user = { username, password: password ?? randomBytes(9).toString("base64url"), maxMessages };
  const conf = join(dir, "kannel.conf");
  await writeFile(
    conf,
    buildKannelConf({
      dir, adminPort, smsboxPort, sendsmsPort, adminPassword, user, moUrl, throughput, resendSeconds,
      smsc: { port: smsc.port, systemId: smsc.systemId ?? "pregon", password: smsc.password ?? "secret" },
    }),
  );

  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const output = [];
  const keep = (box) => (line) => (output.push(`[${box}] ${line}`), output.length > 60 && output.shift());
  const boxes = [];
  // The boxes run in process groups of their own: if this process ends without stop(), kill them.
  const orphans = () => boxes.forEach((box) => box.signal("SIGKILL"));
  process.on("exit", orphans);
  const stop = async () => {
    for (const box of boxes.reverse()) await box.stop(5000); // smsbox first, then bearerbox
    boxes.length = 0;
    process.off("exit", orphans);
    await rm(dir, { recursive: true, force: true });
  };
  const failed = async (err) => {
    const log = await readFile(join(dir, "bearerbox.log"), "utf8").catch(() => "");
    await stop();
    const tail = [...output, ...log.split("\n").slice(-15)].filter(Boolean).join("\n  ");
    return new Error(`Kannel did not start: ${err.message}${tail ? `\n  ${tail}` : ""}`);
  };

  try {
    const deadline = Date.now() + timeoutMs;
    const bearerbox = spawnGroup(`${BIN}/bearerbox`, ["-v", "2", conf], { cwd: dir, onLine: keep("bearerbox") });
    boxes.push(bearerbox);
    await until(() => listening(smsboxPort), deadline, bearerbox.exited, `bearerbox's smsbox port ${smsboxPort} to listen`);
    const smsbox = spawnGroup(`${BIN}/smsbox`, ["-v", "2", conf], { cwd: dir, onLine: keep("smsbox") });
    boxes.push(smsbox);
    const ready = async () => {
      const text = await status(adminUrl, adminPassword);
      return /smsbox:.*\(on-line/.test(text) && (!waitForSmsc || /\(online\b/.test(text.split("SMSC connections:")[1] ?? ""));
    };
    await until(ready, deadline, Promise.race([bearerbox.exited, smsbox.exited]), waitForSmsc ? "smsbox and the SMPP link to be online" : "smsbox to be on-line");
  } catch (err) {
    throw await failed(err);
  }

  return {
    sendsmsUrl: `http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms`,
    username: user.username,
    password: user.password,
    adminUrl,
    adminPassword,
    dir,
    /** Kannel's /status.txt (boxes, SMSC links, queues). */
    status: () => status(adminUrl, adminPassword),
    stop,
  };
}

/** Whether something listens on 127.0.0.1:port, asked of `ss` (no connection is made). */
async function listening(port) {
  const { stdout } = await run("ss", ["-Hltn", `sport = :${port}`]);
  return stdout.trim().length > 0;
}

async function status(adminUrl, password) {
  try {
    const res = await fetch(`${adminUrl}/status.txt?password=${encodeURIComponent(password)}`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? await res.text() : "";
  } catch {
    return "";
  }
}

/** Polls `check` every 100 ms until true; fails at `deadline` or when `exited` settles first. */
async function until(check, deadline, exited, what) {
  let gone = null;
  exited.then((e) => (gone = e));
  for (;;) {
    if (gone) throw new Error(`a box exited (${gone.signal ?? `exit code ${gone.code}`}) while waiting for ${what}`);
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startSmsc } = await import("./smsc-sim.mjs");
  const { hookSecret } = await import("../services/sms-carrier.mjs");
  const { parseDotenv } = await import("../lib/devvars.mjs");
  const devVarsFile = new URL("../../.dev.vars", import.meta.url);
  const devVars = existsSync(devVarsFile) ? parseDotenv(await readFile(devVarsFile, "utf8")) : {};
  const smsc = await startSmsc();
  const kannel = await startKannel({
    smsc: { port: smsc.port },
    moUrl: process.env.KANNEL_MO_URL || `http://127.0.0.1:8787/hooks/sms/local/mo?s=${hookSecret(devVars)}`,
    password: process.env.KANNEL_PASSWORD || "pregon-kannel",
  });
  console.log(`Kannel sendsms  ${kannel.sendsmsUrl} (${kannel.username} / ${kannel.password})`);
  console.log(`Kannel status   ${kannel.adminUrl}/status.txt?password=${kannel.adminPassword}`);
  console.log(`SMSC control    ${smsc.controlUrl}/messages  (POST /mo, /config, /reset)`);
  console.log(`Files           ${kannel.dir}`);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => kannel.stop().then(() => smsc.stop()).then(() => process.exit(0)));
}
