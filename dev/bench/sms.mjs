/**
 * `npm run bench:sms`: how fast the SMS send path gets messages to a carrier and their receipts
 * back, against raw Kannel.
 *
 *   1. starts the simulated SMSC (dev/sms/smsc-sim.mjs: it answers every submit_sm and sends a
 *      DELIVRD receipt after 100 ms) and a real Kannel (dev/sms/kannel.mjs, SMPP link with
 *      throughput --throughput, default 1000/s), then a fresh local Worker (lib/instance.mjs)
 *      whose default connection `local` is that Kannel: SMS_KANNEL_URL/USER/PASSWORD,
 *      SMS_SENDER, SMS_KANNEL_RATE (= the throughput), SMS_HOOK_SECRET, and PUBLIC_URL = the
 *      Worker's own URL so Kannel's dlr-url reaches it. The account's default SMS credit
 *      (DEFAULT_SMS_CREDITS) is set to 2 × N.
 *   2. run A (ours), N one-segment GSM-7 messages to N distinct mobiles. Path "campaign" when the
 *      API accepts `channel: "sms"` on POST /campaigns (N contacts imported into a list, the
 *      campaign sent); else path "single": POST /api/v1/sms, --concurrency requests in flight.
 *      The time runs from the first request to the last final receipt written in D1
 *      (max(done_at)); progress is read from the local D1 file once a second (no load on the
 *      Worker). dlr_lost = messages without a final status (delivered, failed, expired,
 *      rejected) once the SMSC has sent every receipt and nothing moved for --grace seconds; then
 *      the time is the whole wait (the run did not finish), not the last receipt's.
 *   3. run B (the limit), with the Worker stopped: N sendsms requests straight to Kannel, the
 *      same concurrency and dlr-mask (31, with a dlr-url to a local counter), timed until the
 *      SMSC has received all N.
 *   4. prints one line on stdout:
 *        sms messages=N seconds=S sms_per_hour=H kannel_per_hour=K ratio=R dlr_lost=L
 *      and exits 1 when a message was lost or not accepted. Stderr says which path was used and
 *      where the time went (API phase, SMSC submits, receipts, CPU of each process group).
 *
 * Options (after `npm run bench:sms --`): --messages <n> (default 20000), --concurrency <n>
 * (default 32), --throughput <n> (default 1000), --grace <s> (default 30), --keep-state,
 * --profile <file.cpuprofile> (a V8 CPU profile of the Worker during run A, summary on stderr),
 * --single (the single-send path even when campaigns can send SMS), --count-hooks (Kannel's
 * receipt callbacks go through a counting proxy, lib/http-count.mjs: their answers by report type
 * and HTTP status on stderr; it adds a hop, so not for the number itself). With BENCH_QUEUE_LOG=1
 * in the environment, every Queue batch the local runtime reports (queue, size, duration) goes to
 * stderr with the time since start: where a stall comes from.
 * Targets on the reference machine (2 cores): sms_per_hour >= 360,000, dlr_lost = 0, goal
 * ratio >= 0.5. Needs Debian's kannel package (/usr/sbin/bearerbox). Plain Node ESM.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stopAll, killAllNow } from "../lib/proc.mjs";
import { api, freePort, log, plain, since, startInstance, UA, workerLine } from "./lib/instance.mjs";
import { cpuDelta, groupCpu } from "./lib/cpu.mjs";
import { uploadFile } from "./lib/upload.mjs";
import { openD1 } from "./lib/d1.mjs";
import { startProfile } from "./lib/profile.mjs";
import { countingProxy, countingServer } from "./lib/http-count.mjs";
import { startKannel, startSmsc } from "../sms/kannel.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "dev", "bench", ".cache");
const ADMIN = { email: "bench@pregon.local", password: "bench-sms-2026" };
const SENDER = "PREGON";
/** One GSM-7 segment (under 160 characters), no link (links are shortened, another cost). */
const TEXT = (i) => `Registro de Proveedores: su constancia N. ${String(i).padStart(6, "0")} ya esta disponible. Consultela en la sede digital.`;
const FINAL = ["delivered", "failed", "expired", "rejected"];
/** The i-th of N distinct Peruvian mobiles (E.164). */
const number = (i) => `+519${String(10_000_000 + i).padStart(8, "0")}`;

const USAGE = "usage: npm run bench:sms [-- --messages <n>] [--concurrency <n>] [--throughput <n>] [--grace <s>] [--keep-state] [--single] [--count-hooks] [--profile <file>]";
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      messages: { type: "string", default: "20000" },
      concurrency: { type: "string", default: "32" },
      throughput: { type: "string", default: "1000" },
      grace: { type: "string", default: "30" },
      "keep-state": { type: "boolean", default: false },
      "count-hooks": { type: "boolean", default: false },
      single: { type: "boolean", default: false },
      profile: { type: "string" },
    },
  }));
} catch (err) {
  log(`${err.message}\n${USAGE}`);
  process.exit(2);
}
const N = Number(args.messages);
const CONC = Number(args.concurrency);
const TPUT = Number(args.throughput);
const GRACE = Number(args.grace);
if (![N, CONC, TPUT, GRACE].every((v) => Number.isInteger(v) && v >= 1) || N > 89_999_999) {
  log(`--messages, --concurrency, --throughput and --grace must be whole numbers >= 1\n${USAGE}`);
  process.exit(2);
}
process.chdir(root);
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
process.env.PATH = `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}`;

let state = null;
let stopping = false;
/** Kannel and the SMSC are not spawnGroup children of ours: stopped by hand. */
const stoppers = [];
async function cleanup() {
  await stopAll();
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  if (state && !args["keep-state"]) rmSync(state, { recursive: true, force: true });
  else if (state) log(`(kept the database in ${state})`);
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, async () => {
    if (stopping) {
      killAllNow();
      process.exit(130);
    }
    stopping = true;
    log(`\n${sig}: stopping the instance, Kannel and the SMSC…`);
    await cleanup();
    process.exit(130);
  });
}
process.on("exit", killAllNow);

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Run `task(i)` for i in [0, n) with `conc` in flight; resolves to the failures (first 5 kept). */
async function pool(n, conc, task) {
  let next = 0;
  let failed = 0;
  const errors = [];
  const lane = async () => {
    for (let i = next++; i < n; i = next++) {
      try {
        await task(i);
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(err.message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(conc, n) }, lane));
  return { failed, errors };
}

/** "[wrangler:info] QUEUE pregon-sms-sends 100/100 (1234ms)": the SMS queue's batches. */
const batches = [];
/** With --count-hooks: the receipt hook's answers by Kannel report type and status ("1 200": n). */
const hookAnswers = {};
function onWorkerLine(line) {
  const m = /QUEUE (\S+) (\d+)\/(\d+)(?: \((\d+)ms\))?/.exec(plain(line));
  if (m) {
    if (m[1].endsWith("-sms-sends")) batches.push({ at: performance.now(), size: Number(m[3]), ms: Number(m[4] ?? 0) });
    if (process.env.BENCH_QUEUE_LOG) log(`[queue ${(performance.now() / 1000).toFixed(1)}] ${plain(line)}`);
    return;
  }
  workerLine(line);
}

/**
 * Path "campaign" when POST /campaigns takes channel "sms": the list gets N contacts with a
 * phone, and the answer is the campaign to send; null (path "single") when the API refuses it.
 */
async function smsCampaign(url, auth) {
  const list = (await api(url, "/lists", { method: "POST", body: { name: `Avisos SMS (bench ${N})` }, headers: auth })).json;
  const res = await fetch(`${url}/api/v1/campaigns`, {
    method: "POST",
    headers: { ...UA, ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ name: `Avisos SMS (bench ${N})`, channel: "sms", text: TEXT(0), audience: { listIds: [list.id], segmentIds: [] } }),
  });
  const body = await res.json().catch(() => null);
  if (!res.ok || body?.channel !== "sms") {
    log(`  POST /campaigns with channel "sms" answered ${res.status} ${JSON.stringify(body).slice(0, 200)}: single sends`);
    return null;
  }
  mkdirSync(CACHE, { recursive: true });
  const ignore = join(CACHE, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# generated benchmark data\n*\n");
  const file = join(CACHE, `sms-contacts-${N}.csv`);
  if (!existsSync(file)) writeFileSync(file, ["email,celular,nombre", ...Array.from({ length: N }, (_, i) => `sms${i}@bench.pregon.test,${number(i)},Proveedor ${i}`)].join("\r\n") + "\r\n");
  const up = await uploadFile(`${url}/api/v1/lists/${list.id}/imports`, file, { headers: { ...UA, ...auth }, fields: { mapping: JSON.stringify(["email", "phone", "firstName"]) } });
  if (up.status !== 202) throw new Error(`the upload answered ${up.status}: ${JSON.stringify(up.body).slice(0, 300)}`);
  for (;;) {
    const imp = (await api(url, `/imports/${up.body.importId}`, { headers: auth })).json;
    if (imp.status === "done" && imp.counts.inserted === N) break;
    if (imp.status === "done" || imp.status === "failed") throw new Error(`the import ended ${imp.status}: ${JSON.stringify(imp.counts)}`);
    await sleep(250);
  }
  return body;
}

async function main() {
  log(`load average at the start: ${load()}`);
  // 1. Carrier, Kannel, Worker.
  const smsc = await startSmsc();
  stoppers.push(() => smsc.stop());
  const count = { submits: 0, receipts: 0 };
  smsc.events.on("submit", () => count.submits++);
  smsc.events.on("receipt", () => count.receipts++);
  const kannelPassword = randomBytes(9).toString("base64url");
  // MO messages are not part of this run: Kannel's get-url points at a closed port.
  const kannel = await startKannel({ smsc: { port: smsc.port }, moUrl: "http://127.0.0.1:9/mo", password: kannelPassword, throughput: TPUT });
  stoppers.push(() => kannel.stop());
  log(`✓ SMSC on 127.0.0.1:${smsc.port}, Kannel sendsms ${kannel.sendsmsUrl} (SMPP throughput ${TPUT}/s)`);

  const port = await freePort();
  if (args.profile) process.env.BENCH_INSPECTOR_PORT = String(await freePort());
  // --count-hooks: Kannel's receipts pass a counting proxy on their way to the Worker.
  const proxy = args["count-hooks"] ? await countingProxy(port, hookAnswers) : null;
  if (proxy) stoppers.push(() => proxy.close());
  const hookSecret = randomBytes(16).toString("hex");
  const inst = await startInstance({
    root,
    admin: ADMIN,
    keyName: "bench:sms",
    port,
    onState: (dir) => (state = dir),
    onLine: onWorkerLine,
    vars: [
      `PUBLIC_URL=http://127.0.0.1:${proxy ? proxy.port : port}`,
      `SMS_KANNEL_URL=${kannel.sendsmsUrl.replace(/\/cgi-bin\/sendsms$/, "")}`,
      `SMS_KANNEL_USER=${kannel.username}`,
      `SMS_KANNEL_PASSWORD=${kannel.password}`,
      `SMS_KANNEL_RATE=${TPUT}`,
      `SMS_SENDER=${SENDER}`,
      `SMS_HOOK_SECRET=${hookSecret}`,
      `LINK_SECRET=${randomBytes(24).toString("hex")}`,
      `DEFAULT_SMS_CREDITS=${Math.max(80_000, 2 * N)}`,
    ],
  });
  const { url, worker, auth } = inst;
  const alive = () => {
    const e = inst.exited();
    if (e) throw new Error(`the Worker's dev server exited (${e.signal ?? `exit code ${e.code}`})`);
  };
  const db = await openD1(state);

  let t = performance.now();
  const campaign = args.single ? null : await smsCampaign(url, auth);
  const path = campaign ? "campaign" : "single";
  log(`✓ Path: ${path}${campaign ? ` (campaign ${campaign.id} to ${N} contacts)` : ` (POST /api/v1/sms, ${CONC} in flight)`} (${since(t)})`);

  // 2. Run A.
  log(`load average before run A: ${load()}`);
  const profiler = args.profile ? await startProfile(Number(process.env.BENCH_INSPECTOR_PORT)) : null;
  const cpu0 = { worker: groupCpu(worker.pid), node: process.cpuUsage() };
  const submits0 = count.submits;
  const receipts0 = count.receipts;
  const wall0 = Date.now();
  const t0 = performance.now();
  let apiDone = null;
  let apiResult = { failed: 0, errors: [] };
  const sending = campaign
    ? api(url, `/campaigns/${campaign.id}/send`, { method: "POST", headers: auth }).then(() => (apiDone = performance.now()))
    : pool(N, CONC, async (i) => {
        const res = await fetch(`${url}/api/v1/sms`, { method: "POST", headers: { ...UA, ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ to: number(i), text: TEXT(i) }) });
        const text = await res.text();
        if (res.status !== 202) throw new Error(`POST /sms answered ${res.status}: ${text.slice(0, 200)}`);
      }).then((r) => ((apiResult = r), (apiDone = performance.now())));
  sending.catch(() => {});

  const where = campaign ? "campaign_id = ?" : "campaign_id IS NULL AND created_at >= ?";
  const param = campaign ? campaign.id : wall0 - 1000;
  const byStatus = () => Object.fromEntries(db.prepare(`SELECT status, COUNT(*) AS n FROM sms_messages WHERE ${where} GROUP BY status`).all(param).map((r) => [r.status, r.n]));
  const finals = (s) => FINAL.reduce((sum, k) => sum + (s[k] ?? 0), 0);
  let s = {};
  let lastSig = "";
  let lastMove = performance.now();
  let lastLog = 0;
  let allAccepted = null;
  for (;;) {
    alive();
    s = byStatus();
    const now = performance.now();
    const fin = finals(s);
    if (allAccepted === null && fin + (s.accepted ?? 0) >= N) allAccepted = now;
    if (fin >= N) break;
    // Lost: the requests are all in, the SMSC has no receipt left to send, and nothing (statuses,
    // submits, receipts) moved for --grace seconds.
    const sig = JSON.stringify([s, count.submits, count.receipts]);
    if (sig !== lastSig) [lastSig, lastMove] = [sig, now];
    if (apiDone !== null && smsc.pendingReceipts() === 0 && now - lastMove > GRACE * 1000) break;
    // A hard stop, so a run that trickles on never ends: an hour, or a millisecond a message more.
    if (now - t0 > Math.max(3_600_000, N)) break;
    if (now - lastLog > 5000) {
      lastLog = now;
      log(`  ${((now - t0) / 1000).toFixed(0).padStart(4)} s  ${JSON.stringify(s)}  smsc submits ${count.submits - submits0} receipts ${count.receipts - receipts0}`);
    }
    await sleep(1000);
  }
  await sending;
  if (profiler) for (const line of await profiler.stop(args.profile)) log(`  ${line}`);
  const clientS = (performance.now() - t0) / 1000;
  const last = db.prepare(`SELECT MAX(done_at) AS t, MIN(created_at) AS c FROM sms_messages WHERE ${where}`).get(param);
  const lastAt = last.t == null ? NaN : last.t < 1e12 ? last.t * 1000 : last.t;
  const lost = N - finals(s);
  // With receipts missing, the run did not finish: the time waited is the honest figure.
  const seconds = lost === 0 && Number.isFinite(lastAt) && lastAt > wall0 ? (lastAt - wall0) / 1000 : clientS;
  const cpuA = { worker: cpuDelta(cpu0.worker, groupCpu(worker.pid)), node: process.cpuUsage(cpu0.node) };
  const parts = Object.fromEntries(
    db.prepare(`SELECT status, COUNT(*) AS n FROM sms_parts WHERE message_id IN (SELECT id FROM sms_messages WHERE ${where}) GROUP BY status`).all(param).map((r) => [r.status, r.n]),
  );
  log(`load average after run A: ${load()}`);
  log(`  run A (${path}): all final in ${seconds.toFixed(1)} s (client saw it at ${clientS.toFixed(1)} s); API phase ${apiDone ? ((apiDone - t0) / 1000).toFixed(1) : "?"} s${apiResult.failed ? `, ${apiResult.failed} refused (${apiResult.errors[0]})` : ""}; all accepted by ${allAccepted ? `${((allAccepted - t0) / 1000).toFixed(1)} s (${Math.round((N / (allAccepted - t0)) * 3_600_000)}/hour to the carrier)` : "?"}`);
  log(`  messages ${JSON.stringify(s)}; parts ${JSON.stringify(parts)}; SMSC got ${count.submits - submits0} submits, sent ${count.receipts - receipts0} receipts${proxy ? `; receipt hook answers by type and status ${JSON.stringify(hookAnswers)}` : ""}`);
  if (batches.length) {
    const sizes = batches.map((b) => b.size);
    const ms = batches.map((b) => b.ms);
    log(`  SMS queue: ${batches.length} consumer batches of ${Math.min(...sizes)}–${Math.max(...sizes)} messages (mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)}), ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(0)} ms mean, ${Math.max(...ms)} ms max`);
  }
  const perMsg = (sec) => `${((sec * 1000) / N).toFixed(2)} ms/message`;
  log(`  CPU: Worker's processes ${cpuA.worker.total.toFixed(1)} s (${perMsg(cpuA.worker.total)}; busiest threads ${cpuA.worker.top.slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}), this process (load generator and SMSC) ${cpuS(cpuA.node).toFixed(1)} s`);
  for (const f of ["bearerbox.log", "smsbox.log"]) {
    const warnings = (await readFile(join(kannel.dir, f), "utf8").catch(() => "")).split("\n").filter((l) => /WARNING|ERROR/.test(l));
    if (warnings.length) log(`  Kannel's ${f}: ${warnings.length} warnings/errors, e.g.\n    ${warnings.slice(0, 4).join("\n    ")}`);
  }
  const perHour = Math.round((N / seconds) * 3600);
  db.close();

  // 3. Run B: raw Kannel, with the Worker stopped.
  await worker.stop();
  const dlrSink = await countingServer();
  stoppers.push(() => dlrSink.close());
  log(`load average before run B: ${load()}`);
  const submitsB0 = count.submits;
  const nodeB0 = process.cpuUsage();
  const tb = performance.now();
  const dlrUrl = `http://127.0.0.1:${dlrSink.port}/dlr?type=%d`;
  const raw = await pool(N, CONC, async (i) => {
    const q = new URLSearchParams({ username: kannel.username, password: kannel.password, from: SENDER, to: number(i), text: TEXT(i), coding: "0", charset: "UTF-8", "dlr-mask": "31", "dlr-url": dlrUrl });
    const res = await fetch(`${kannel.sendsmsUrl}?${q}`);
    const text = await res.text();
    if (res.status !== 202 && res.status !== 200) throw new Error(`sendsms answered ${res.status}: ${text.slice(0, 200)}`);
  });
  const rawApi = (performance.now() - tb) / 1000;
  for (let still = performance.now(), seen = -1; count.submits - submitsB0 < N - raw.failed; await sleep(50)) {
    if (count.submits !== seen) [seen, still] = [count.submits, performance.now()];
    else if (performance.now() - still > 30_000) break;
  }
  const rawSeconds = (performance.now() - tb) / 1000;
  const rawGot = count.submits - submitsB0;
  log(`  run B: ${N} sendsms requests (the local dlr-url answered ${dlrSink.hits()} callbacks so far) (${raw.failed} refused${raw.errors[0] ? `: ${raw.errors[0]}` : ""}) answered in ${rawApi.toFixed(1)} s; the SMSC had ${rawGot} at ${rawSeconds.toFixed(1)} s; this process (load generator and SMSC) ${cpuS(process.cpuUsage(nodeB0)).toFixed(1)} s CPU; load ${load()}`);
  const kannelPerHour = Math.round((rawGot / rawSeconds) * 3600);

  process.stdout.write(`sms messages=${N} seconds=${seconds.toFixed(1)} sms_per_hour=${perHour} kannel_per_hour=${kannelPerHour} ratio=${(perHour / kannelPerHour).toFixed(2)} dlr_lost=${lost}\n`);
  const failures = [];
  if (lost > 0) failures.push(`${lost} messages have no final status: ${JSON.stringify(s)}`);
  if ((s.delivered ?? 0) !== N) failures.push(`${s.delivered ?? 0} of ${N} delivered`);
  if (rawGot !== N) failures.push(`raw Kannel: the SMSC received ${rawGot} of ${N}`);
  for (const f of failures) log(`✗ ${f}`);
  log(`(path: ${path})`);
  return failures.length ? 1 : 0;
}

/** Seconds of a process.cpuUsage() delta. */
const cpuS = (u) => (u.user + u.system) / 1e6;

let code = 1;
try {
  code = await main();
} catch (err) {
  if (!stopping) log(`✗ ${err.stack ?? err.message}`);
  code = 1;
}
if (!stopping) {
  stopping = true;
  await cleanup();
  process.exit(code);
}
