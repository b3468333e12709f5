/**
 * `npm run bench:send`: how fast the real send pipeline mails a campaign, against nodemailer.
 *
 *   1. starts Postfix's smtp-sink on a free loopback port (it counts what it receives), makes an
 *      RSA-2048 DKIM key, and starts a fresh local Worker (migrations, wrangler's dev server
 *      without file watching, bootstrapped owner, admin API key; see lib/instance.mjs) that
 *      relays to the sink: SMTP_TLS=none, SMTP_POOL, DKIM rsa-sha256, MX_CHECKS=off
 *   2. setup, not timed: imports N contacts (email, nombre, apellido, empresa, cargo and a custom
 *      `ruc`) into a list through the API and waits for the import; creates the gallery
 *      template "newsletter" (about 20 KB of HTML, personalised per recipient) and a campaign to
 *      the list whose subject also carries merge fields
 *   3. run A (ours): POST /campaigns/:id/send, then polls GET /campaigns/:id until it is "sent";
 *      the time runs from the send call to the campaign's finishedAt. Its progress must say
 *      sent = N, and smtp-sink must have received N messages
 *   4. run B (baseline): the Worker is stopped, and the same N recipients (read from the local D1
 *      file) get the same campaign from plain Node with nodemailer's pooled transport, 20
 *      connections, the same DKIM key, into the same sink (see lib/nodemailer-baseline.mjs)
 *   5. prints one line on stdout:
 *        send emails=N seconds=S emails_per_hour=H nodemailer_per_hour=B ratio=R
 *      and exits 1 if the campaign failed or did not send exactly N
 *
 * Everything else goes to stderr: load averages at the start and end of each run, the queue's
 * batches, the sink's count, the Worker's memory, and where the time went: CPU seconds of the
 * Worker's processes, of smtp-sink and of Node per message, and for the Worker's one busy thread
 * (its JavaScript, D1, the Durable Objects and the local queue all run on it) how long it ran,
 * waited for a CPU other processes had, and sat idle. On a shared machine the CPU per message is
 * the steadier number; the wall time depends on what else runs. The instance and the sink
 * (their process groups) are stopped at the end, on
 * errors and on Ctrl-C. Options (after `npm run bench:send --`): --emails <n> (default 50000;
 * e.g. 2000 for a quick run), --pool <n> (SMTP_POOL, default 20), --keep-state, --profile <file>
 * (a V8 CPU profile of the Worker during run A, with its summary on stderr; it slows the run),
 * --skip-baseline (run A only, while tuning: the line then says nodemailer_per_hour=0 ratio=0.00).
 * Target on the reference machine (2 cores): emails_per_hour >= 2,500,000 and ratio >= 1.
 * Plain Node ESM; the baseline needs the nodemailer devDependency.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stopAll, killAllNow } from "../lib/proc.mjs";
import { api, freePort, log, plain, since, startInstance, UA, workerLine } from "./lib/instance.mjs";
import { writeContactsCsv } from "./lib/contacts.mjs";
import { cpuDelta, groupCpu, groupSched } from "./lib/cpu.mjs";
import { sampleGroupRss } from "./lib/rss.mjs";
import { startSmtpSink } from "./lib/smtp-sink.mjs";
import { startProfile } from "./lib/profile.mjs";
import { uploadFile } from "./lib/upload.mjs";
import { openD1 } from "./lib/d1.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "dev", "bench", ".cache");
const ADMIN = { email: "bench@pregon.local", password: "bench-send-2026" };
const SENDER_DOMAIN = "bench.pregon.test";
const CONTACTS_VERSION = 1;

const USAGE = "usage: npm run bench:send [-- --emails <n>] [--pool <n>] [--keep-state] [--profile <file.cpuprofile>] [--skip-baseline]";
let args;
try {
  ({ values: args } = parseArgs({
    options: {
      emails: { type: "string", default: "50000" },
      pool: { type: "string", default: "20" },
      "keep-state": { type: "boolean", default: false },
      profile: { type: "string" },
      "skip-baseline": { type: "boolean", default: false },
    },
  }));
} catch (err) {
  log(`${err.message}\n${USAGE}`);
  process.exit(2);
}
const N = Number(args.emails);
const POOL = Number(args.pool);
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(POOL) || POOL < 1 || POOL > 50) {
  log(`--emails must be a whole number >= 1 and --pool between 1 and 50\n${USAGE}`);
  process.exit(2);
}
if (Number(process.versions.node.split(".")[0]) < 24) {
  log(`This needs Node 24 (found ${process.version}). Run it as \`npm run bench:send\`, which uses the project's Node.`);
  process.exit(1);
}
process.chdir(root);
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
process.env.PATH = `${join(root, "node_modules", ".bin")}${delimiter}${process.env.PATH}`;

let state = null;
let stopping = false;
async function cleanup() {
  await stopAll();
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
    log(`\n${sig}: stopping the instance and the sink…`);
    await cleanup();
    process.exit(130);
  });
}
process.on("exit", killAllNow);

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

async function contactsFile() {
  mkdirSync(CACHE, { recursive: true });
  const ignore = join(CACHE, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# generated benchmark data\n*\n");
  const file = join(CACHE, `contacts-${N}-v${CONTACTS_VERSION}.csv`);
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    await writeContactsCsv(partial, { rows: N });
    renameSync(partial, file);
  }
  return file;
}

/** "[wrangler:info] QUEUE pregon-email-sends 100/100 (1234ms)": the local queue's batches, for the profile. */
const batches = [];
function onWorkerLine(line) {
  const m = /QUEUE (\S+) (\d+)\/(\d+)(?: \((\d+)ms\))?/.exec(plain(line));
  if (m) {
    if (m[1].endsWith("-email-sends")) batches.push({ at: performance.now(), acked: Number(m[2]), size: Number(m[3]), ms: Number(m[4] ?? 0) });
    return;
  }
  workerLine(line);
}

async function main() {
  log(`load average at the start: ${load()}`);
  const linkSecret = randomBytes(24).toString("hex");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const dkim = { domain: SENDER_DOMAIN, selector: "bench", privatePem: privateKey };

  const sink = await startSmtpSink();
  log(`✓ smtp-sink on 127.0.0.1:${sink.port}, process group ${sink.pid}`);

  if (args.profile) process.env.BENCH_INSPECTOR_PORT = String(await freePort());
  const inst = await startInstance({
    root,
    admin: ADMIN,
    keyName: "bench:send",
    onState: (dir) => (state = dir),
    onLine: onWorkerLine,
    vars: [
      "MX_CHECKS=off",
      "SMTP_HOST=127.0.0.1",
      `SMTP_PORT=${sink.port}`,
      "SMTP_TLS=none",
      `SMTP_POOL=${POOL}`,
      `SENDER_DOMAINS=${SENDER_DOMAIN}`,
      `DKIM_PRIVATE_KEY=${privateKey}`,
      "DKIM_SELECTOR=bench",
      `DKIM_DOMAIN=${SENDER_DOMAIN}`,
      "DKIM_ALGORITHM=rsa-sha256",
      `LINK_SECRET=${linkSecret}`,
      "DEFAULT_EMAIL_CREDITS=5000000",
    ],
  });
  const { url, worker, auth } = inst;
  const alive = () => {
    const e = inst.exited();
    if (e) throw new Error(`the Worker's dev server exited (${e.signal ?? `exit code ${e.code}`})`);
  };

  // Setup (not timed): contacts, template, campaign.
  let t = performance.now();
  const file = await contactsFile();
  const list = (await api(url, "/lists", { method: "POST", body: { name: `Boletín (bench ${N})` }, headers: auth })).json;
  // The mapping is given: left to itself the importer would take 11-digit RUCs for phone numbers.
  const mapping = ["email", "firstName", "lastName", "company", "position", "custom:ruc"];
  const up = await uploadFile(`${url}/api/v1/lists/${list.id}/imports`, file, { headers: { ...UA, ...auth }, fields: { mapping: JSON.stringify(mapping) } });
  if (up.status !== 202) throw new Error(`the upload answered ${up.status}: ${JSON.stringify(up.body).slice(0, 500)}`);
  let imp;
  for (;;) {
    alive();
    imp = (await api(url, `/imports/${up.body.importId}`, { headers: auth })).json;
    if (imp.status === "done" || imp.status === "failed") break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (imp.status !== "done" || imp.counts.inserted !== N) throw new Error(`the import of ${N} contacts ended ${imp.status}: ${JSON.stringify(imp.counts)} ${imp.error ?? ""}`);
  log(`✓ Imported ${N} contacts into list ${list.id}, mapping ${JSON.stringify(imp.mapping)} (${since(t)})`);

  const template = (await api(url, "/templates", { method: "POST", body: { name: "Boletín (bench)", galleryKey: "newsletter" }, headers: auth })).json;
  const campaign = (
    await api(url, "/campaigns", {
      method: "POST",
      headers: auth,
      body: {
        name: `Boletín de noviembre (bench ${N})`,
        subject: '{{nombre | "Estimado proveedor"}}, novedades de noviembre para {{empresa | "su empresa"}} (RUC {{ruc}})',
        fromName: "Registro de Proveedores",
        fromAddress: `boletin@${SENDER_DOMAIN}`,
        templateId: template.id,
        audience: { listIds: [list.id], segmentIds: [] },
      },
    })
  ).json;
  const preview = (await api(url, `/campaigns/${campaign.id}/preview`, { method: "POST", body: {}, headers: auth })).json;
  const previewHtml = preview?.html ?? "";
  log(`✓ Template ${template.id} (fields ${JSON.stringify(template.fields)}), campaign ${campaign.id}; one recipient's HTML ≈ ${(previewHtml.length / 1024).toFixed(1)} KB`);

  // Run A: the Worker.
  const rss = sampleGroupRss(worker.pid);
  const sinkBefore = sink.messages;
  log(`load average before run A: ${load()}`);
  const profiler = args.profile ? await startProfile(Number(process.env.BENCH_INSPECTOR_PORT)) : null;
  const cpuA = { worker: groupCpu(worker.pid), sink: groupCpu(sink.pid) };
  const sched0 = groupSched(worker.pid);
  log(`→ Run A: sending campaign ${campaign.id} to ${N} recipients (SMTP_POOL=${POOL})…`);
  const wall0 = Date.now();
  const t0 = performance.now();
  await api(url, `/campaigns/${campaign.id}/send`, { method: "POST", headers: auth });
  let c;
  let lastLog = 0;
  let lastSent = -1;
  let lastChange = performance.now();
  const timeline = [];
  for (;;) {
    alive();
    c = (await api(url, `/campaigns/${campaign.id}`, { headers: auth })).json;
    if (!["scheduled", "sending"].includes(c.status)) break;
    const now = performance.now();
    timeline.push({ s: (now - t0) / 1000, sent: c.progress.sent, sink: sink.messages - sinkBefore, sched: groupSched(worker.pid) });
    if (c.progress.sent !== lastSent) {
      lastSent = c.progress.sent;
      lastChange = now;
    } else if (now - lastChange > 120_000) throw new Error(`the campaign made no progress for 2 minutes (status ${c.status}, ${c.progress.sent} sent)`);
    if (now - lastLog > 5000) {
      lastLog = now;
      log(`  ${((now - t0) / 1000).toFixed(0).padStart(4)} s  ${c.status.padEnd(9)} sent ${String(c.progress.sent).padStart(6)}  sink ${String(sink.messages - sinkBefore).padStart(6)}  ${c.progress.perMinute ?? "-"}/min  runtime RSS ${rss.peek().currentMb.toFixed(0)} MB`);
    }
    // Once a second: each poll is an authenticated API request served by the same busy thread,
    // and the time is taken from the campaign's own finishedAt, not from when the poll saw it.
    await new Promise((r) => setTimeout(r, 1000));
  }
  const clientS = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  const finished = c.finishedAt ? Date.parse(c.finishedAt) : NaN;
  const seconds = Number.isFinite(finished) && finished > wall0 ? (finished - wall0) / 1000 : clientS;
  const received = (await sink.waitFor(sinkBefore + N)) - sinkBefore;
  const workerCpu = cpuDelta(cpuA.worker, groupCpu(worker.pid));
  const sched1 = groupSched(worker.pid);
  if (profiler) for (const line of await profiler.stop(args.profile)) log(`  ${line}`);
  const sinkCpuA = cpuDelta(cpuA.sink, groupCpu(sink.pid));
  log(`load average after run A: ${load()}`);
  const started = c.startedAt ? (Date.parse(c.startedAt) - wall0) / 1000 : NaN;
  const lastSinkAt = timeline.findLast((p) => p.sink < received)?.s ?? NaN;
  log(`  run A: ${c.status} in ${seconds.toFixed(1)} s (client saw it at ${clientS.toFixed(1)} s); started ${started.toFixed(1)} s after the call; sink had all but the last messages at ~${lastSinkAt.toFixed(1)} s`);
  log(`  progress ${JSON.stringify(c.progress)}; smtp-sink received ${received}`);
  if (batches.length) {
    const sizes = batches.map((b) => b.size);
    const ms = batches.map((b) => b.ms);
    const first = batches[0].at - batches[0].ms;
    // Miniflare runs one batch at a time: the time between one batch's end and the next one's start is the queue's own.
    const gaps = batches.slice(1).reduce((sum, b, i) => sum + Math.max(0, b.at - b.ms - batches[i].at), 0);
    log(`  queue: ${batches.length} consumer batches of ${Math.min(...sizes)}–${Math.max(...sizes)} messages (mean ${(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1)}), ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(0)} ms mean, ${Math.max(...ms)} ms max; first batch began ${((first - t0) / 1000).toFixed(1)} s after the call, the last ended at ${((batches.at(-1).at - t0) / 1000).toFixed(1)} s; ${(gaps / 1000).toFixed(1)} s between batches in all`);
  }
  log(`  runtime memory: peak ${(mem.processPeakMb ?? mem.peakMb).toFixed(0)} MB (the Worker's workerd; ${mem.peakMb.toFixed(0)} MB with wrangler's proxy)`);
  const perMsg = (sec) => `${((sec * 1000) / N).toFixed(2)} ms/message`;
  log(`  CPU: Worker's processes ${workerCpu.total.toFixed(1)} s (${perMsg(workerCpu.total)}), smtp-sink ${sinkCpuA.total.toFixed(1)} s (${perMsg(sinkCpuA.total)}); busiest threads: ${workerCpu.top.slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(", ")}`);
  // The Worker's JavaScript (and D1, Durable Objects, the local queue) runs on one thread: the busiest.
  const main = workerCpu.top[0]?.[0];
  if (main && sched0.has(main) && sched1.has(main)) {
    const run = sched1.get(main).run - sched0.get(main).run;
    const wait = sched1.get(main).wait - sched0.get(main).wait;
    log(`  the Worker's thread (${main}) over the ${clientS.toFixed(1)} s: running ${run.toFixed(1)} s, waiting for a CPU ${wait.toFixed(1)} s (other processes had it), idle ${(clientS - run - wait).toFixed(1)} s`);
    // Idle by tenth of the run (from the once-a-second samples): where the thread had nothing to do.
    const points = [{ s: 0, sched: sched0 }, ...timeline.filter((p) => p.sched.has(main))];
    const tenths = Array.from({ length: 10 }, () => ({ idle: 0, span: 0 }));
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1], b = points[i];
      const span = b.s - a.s;
      const busy = b.sched.get(main).run - a.sched.get(main).run + (b.sched.get(main).wait - a.sched.get(main).wait);
      const k = Math.min(9, Math.floor((10 * a.s) / clientS));
      tenths[k].idle += Math.max(0, span - busy);
      tenths[k].span += span;
    }
    log(`  idle per tenth of the run: ${tenths.map((t) => `${t.idle.toFixed(1)}/${t.span.toFixed(0)} s`).join(", ")}`);
  }
  const perHour = Math.round((N / seconds) * 3600);

  const failures = [];
  if (c.status !== "sent") failures.push(`the campaign ended ${c.status}${c.pauseReason ? ` (${c.pauseReason})` : ""}`);
  if (c.progress.sent !== N) failures.push(`the campaign sent ${c.progress.sent}, not ${N} (failed ${c.progress.failed})`);
  if (received !== N) failures.push(`smtp-sink received ${received} messages, not ${N}`);

  // Run B: nodemailer, with the Worker stopped, the same recipients and campaign from the D1 file.
  await worker.stop();
  if (args["skip-baseline"]) {
    process.stdout.write(`send emails=${N} seconds=${seconds.toFixed(1)} emails_per_hour=${perHour} nodemailer_per_hour=0 ratio=0.00\n`);
    for (const f of failures) log(`✗ ${f}`);
    return failures.length ? 1 : 0;
  }
  const db = await openD1(state);
  const row = db.prepare("SELECT * FROM campaigns WHERE id = ?").get(campaign.id);
  const people = db
    .prepare(
      `SELECT c.id, c.email, c.first_name, c.last_name, c.position, c.company, c.phone, c.fields FROM deliveries d JOIN contacts c ON c.id = d.contact_id
       WHERE d.campaign_id = ? ORDER BY c.id`,
    )
    .all(campaign.id);
  db.close();
  if (people.length !== N) failures.push(`the campaign has ${people.length} deliveries, not ${N}`);
  const { runNodemailerBaseline } = await import("./lib/nodemailer-baseline.mjs");
  log(`load average before run B: ${load()}`);
  log(`→ Run B: nodemailer ${JSON.parse(readFileSync(join(root, "node_modules", "nodemailer", "package.json"), "utf8")).version}, pooled (20 connections), DKIM rsa-sha256, ${people.length} recipients…`);
  const sinkBeforeB = sink.messages;
  const cpuB = { node: process.cpuUsage(), sink: groupCpu(sink.pid) };
  const b = await runNodemailerBaseline({
    port: sink.port,
    people,
    campaign: row,
    dkim,
    linkSecret,
    baseUrl: "http://127.0.0.1:8787",
    bounceDomain: SENDER_DOMAIN,
    onProgress: (n, s) => log(`  ${s.toFixed(0).padStart(4)} s  nodemailer ${String(n).padStart(6)}`),
  });
  const receivedB = (await sink.waitFor(sinkBeforeB + people.length)) - sinkBeforeB;
  const nodeCpu = process.cpuUsage(cpuB.node);
  const sinkCpuB = cpuDelta(cpuB.sink, groupCpu(sink.pid));
  log(`load average after run B: ${load()}`);
  log(`  CPU: Node (nodemailer) ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s (${(((nodeCpu.user + nodeCpu.system) / 1e3) / people.length).toFixed(2)} ms/message), smtp-sink ${sinkCpuB.total.toFixed(1)} s`);
  log(`  run B: ${b.accepted} accepted, ${b.failed} failed in ${b.seconds.toFixed(1)} s; smtp-sink received ${receivedB}${b.firstError ? `; first error: ${b.firstError.message}` : ""}`);
  const nodemailerPerHour = Math.round((b.accepted / b.seconds) * 3600);
  // A baseline that lost messages would make the ratio meaningless.
  if (b.accepted !== people.length || receivedB !== people.length) failures.push(`the nodemailer baseline had ${b.accepted} of ${people.length} accepted and smtp-sink received ${receivedB}`);

  process.stdout.write(`send emails=${N} seconds=${seconds.toFixed(1)} emails_per_hour=${perHour} nodemailer_per_hour=${nodemailerPerHour} ratio=${(perHour / nodemailerPerHour).toFixed(2)}\n`);
  for (const f of failures) log(`✗ ${f}`);
  return failures.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  // After Ctrl-C the stopped Worker makes main() fail: the signal handler has it in hand.
  if (!stopping) log(`✗ ${err.stack ?? err.message}`);
  code = 1;
}
if (!stopping) {
  stopping = true;
  await cleanup();
  process.exit(code);
}
