/**
 * `npm run soak`: steady sending plus tracking traffic for a long stretch (default 30 minutes),
 * with the Worker's memory sampled throughout: it must stay flat, and nothing may be lost.
 *
 *   1. starts Postfix's smtp-sink and a fresh local Worker (lib/instance.mjs), imports --contacts
 *      contacts into a list and makes a gallery template
 *   2. sending: every --every seconds a new campaign to the list is made and sent (the next one
 *      waits for the previous to finish); when one is sent, its recipients' open and click
 *      tokens join the tracking pool
 *   3. tracking: autocannon at a fixed --rate of requests a second (half pixel, half click, each
 *      a recipient's own token, cycling through the pool), one minute at a time
 *   4. memory: the resident size of the Worker's workerd process (the one with the Worker, D1,
 *      the Durable Objects and the Queues; not wrangler's proxy) every 10 s, and the Worker
 *      isolate's JavaScript heap (lib/heap.mjs); after a warm-up (the first third of the run:
 *      the local runtime's allocator grows for its first ~30,000 requests, even on a bare route,
 *      then holds) the mean of the next third is compared with the mean of the last
 *   5. after the last campaign and the events settle: smtp-sink's count against the campaigns'
 *      `sent`, the open and click events in D1 against the tracking requests answered, and the
 *      account's email credit against what was sent (and nothing left reserved)
 *   6. prints one line on stdout:
 *        soak minutes=M emails=E tracking=T rss_early_mb=A rss_late_mb=B growth_pct=G
 *          heap_early_mb=C heap_late_mb=D heap_growth_pct=H mailed_twice=0 never_mailed=0 events_lost=0 credit_drift=0
 *      (on one line) and exits 1 when growth_pct or heap_growth_pct exceeds --margin (default
 *      10) or any of the last four is not 0
 *
 * Options (after `npm run soak --`): --minutes <n> (30), --contacts <n> (5000), --every <s> (60),
 * --rate <requests/s> (50), --margin <percent> (10). Plain Node ESM, like the benchmarks.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { stopAll, killAllNow } from "../lib/proc.mjs";
import { api, freePort, log, plain, startInstance, UA, workerLine } from "./lib/instance.mjs";
import { connectHeap } from "./lib/heap.mjs";
import { groupRssKb } from "./lib/rss.mjs";
import { writeContactsCsv } from "./lib/contacts.mjs";
import { startSmtpSink } from "./lib/smtp-sink.mjs";
import { uploadFile } from "./lib/upload.mjs";
import { openD1 } from "./lib/d1.mjs";
import { installTsHooks } from "./lib/ts-import.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "dev", "bench", ".cache");
const ADMIN = { email: "soak@pregon.local", password: "soak-run-2026" };
const SENDER_DOMAIN = "soak.pregon.test";
const MAPPING = ["email", "firstName", "lastName", "company", "position", "custom:ruc"];

const opts = { minutes: "30", contacts: "5000", every: "60", rate: "50", margin: "10" };
const { values: raw } = parseArgs({ options: Object.fromEntries(Object.entries(opts).map(([k, d]) => [k, { type: "string", default: d }])) });
const args = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
for (const [k, v] of Object.entries(args)) {
  if (!(v > 0)) {
    log(`--${k} must be a positive number (got ${raw[k]})`);
    process.exit(2);
  }
}
process.chdir(root);
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";

let state = null;
let stopping = false;
process.on("SIGINT", () => {
  if (stopping) return;
  stopping = true;
  killAllNow();
  if (state) rmSync(state, { recursive: true, force: true });
  process.exit(130);
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

async function main() {
  const linkSecret = randomBytes(24).toString("hex");
  const sink = await startSmtpSink();
  // The inspector, for the JavaScript heap (lib/heap.mjs).
  process.env.BENCH_INSPECTOR_PORT = String(await freePort());
  const inst = await startInstance({
    root,
    admin: ADMIN,
    keyName: "soak",
    onState: (dir) => (state = dir),
    // Without the local queue's per-batch lines: thousands of them over half an hour.
    onLine: (line) => /\bQUEUE \S+ \d+\/\d+/.test(plain(line)) || workerLine(line),
    vars: ["MX_CHECKS=off", "SMTP_HOST=127.0.0.1", `SMTP_PORT=${sink.port}`, "SMTP_TLS=none", `SENDER_DOMAINS=${SENDER_DOMAIN}`, `LINK_SECRET=${linkSecret}`, "DEFAULT_EMAIL_CREDITS=5000000"],
  });
  const { url, auth, worker } = inst;
  const alive = () => {
    const e = inst.exited();
    if (e) throw new Error(`the Worker's dev server exited (${e.signal ?? `exit code ${e.code}`})`);
  };

  // 1. The audience and the template.
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(join(CACHE, ".gitignore"))) writeFileSync(join(CACHE, ".gitignore"), "# generated benchmark data\n*\n");
  const file = join(CACHE, `contacts-soak-${args.contacts}.csv`);
  if (!existsSync(file)) await writeContactsCsv(file, { rows: args.contacts });
  const list = (await api(url, "/lists", { method: "POST", body: { name: "Soak" }, headers: auth })).json;
  const up = await uploadFile(`${url}/api/v1/lists/${list.id}/imports`, file, { headers: { ...UA, ...auth }, fields: { mapping: JSON.stringify(MAPPING) } });
  let imp;
  do {
    await sleep(250);
    imp = (await api(url, `/imports/${up.body.importId}`, { headers: auth })).json;
  } while (!["done", "failed"].includes(imp.status));
  if (imp.counts?.inserted !== args.contacts) throw new Error(`the import ended ${imp.status}: ${JSON.stringify(imp.counts)}`);
  const template = (await api(url, "/templates", { method: "POST", body: { name: "Boletín (soak)", galleryKey: "newsletter" }, headers: auth })).json;
  const db = await openD1(state);
  const contactIds = db.prepare("SELECT contact_id AS id FROM list_members WHERE list_id = ?").all(list.id).map((r) => r.id);
  installTsHooks();
  const { importLinkKey, signToken } = await import("../../shared/email/links.ts");
  const key = await importLinkKey(linkSecret);
  const credit = async () => (await api(url, "/credits", { headers: auth })).json.me.email;
  const credit0 = await credit();
  log(`✓ ${args.contacts} contacts in list ${list.id}; email credit ${credit0.available}`);

  const t0 = performance.now();
  const deadline = t0 + args.minutes * 60_000;
  const minute = () => ((performance.now() - t0) / 60_000).toFixed(1);

  // 4. Memory, every 10 s: the largest workerd of the group is the Worker's runtime. Once a
  // 10 s, the isolate's JavaScript heap (lib/heap.mjs): the code's part of it.
  const samples = [];
  const sampler = setInterval(() => {
    const kb = groupRssKb(worker.pid);
    if (kb.length) samples.push({ min: (performance.now() - t0) / 60_000, mb: Math.max(...kb) / 1024 });
  }, 10_000);
  const heap = await connectHeap(Number(process.env.BENCH_INSPECTOR_PORT));
  const heapSamples = [];
  const heapSampler = setInterval(() => {
    heap.usage().then((h) => heapSamples.push({ min: (performance.now() - t0) / 60_000, mb: h.usedMb }), () => undefined);
  }, 10_000);

  // 2. Sending.
  const pool = [];
  const campaigns = [];
  const sending = (async () => {
    for (let n = 1; performance.now() < deadline; n++) {
      const started = performance.now();
      const body = { name: `Soak ${n}`, subject: "{{nombre}}, boletín {{empresa}}", fromName: "Soak", fromAddress: `boletin@${SENDER_DOMAIN}`, templateId: template.id, audience: { listIds: [list.id], segmentIds: [] } };
      const c = (await api(url, "/campaigns", { method: "POST", body, headers: auth })).json;
      await api(url, `/campaigns/${c.id}/send`, { method: "POST", headers: auth });
      let now;
      do {
        alive();
        await sleep(2000);
        now = (await api(url, `/campaigns/${c.id}`, { headers: auth })).json;
      } while (["scheduled", "sending"].includes(now.status));
      campaigns.push(now);
      for (const id of contactIds) {
        pool.push(`/t/o/${await signToken(key, { kind: "open", campaignId: c.id, contactId: id })}`);
        pool.push(`/t/c/${await signToken(key, { kind: "click", campaignId: c.id, contactId: id, url: "https://www.gob.pe/convocatorias" })}`);
      }
      const rss = samples.at(-1)?.mb.toFixed(0) ?? "-";
      const js = heapSamples.at(-1)?.mb.toFixed(0) ?? "-";
      log(`  ${minute()} min  campaign ${n} ${now.status}: sent ${now.progress.sent} in ${((Date.parse(now.finishedAt) - Date.parse(now.startedAt)) / 1000).toFixed(1)} s; sink ${sink.messages}; Worker RSS ${rss} MB, JavaScript heap ${js} MB`);
      await sleep(Math.max(0, started + args.every * 1000 - performance.now()));
    }
  })();

  // 3. Tracking, a minute at a time, once there are tokens.
  let answered = 0;
  let refused = 0;
  let next = 0;
  while (performance.now() < deadline) {
    alive();
    if (!pool.length) {
      await sleep(1000);
      continue;
    }
    // A fixed number of requests, not a duration: every request is answered before autocannon
    // returns, so the count of events to expect is exact (a timed run leaves some in flight).
    const seconds = Math.max(1, Math.min(60, Math.round((deadline - performance.now()) / 1000)));
    const r = await autocannon({ url, connections: 10, overallRate: args.rate, amount: args.rate * seconds, headers: UA, requests: [{ setupRequest: (req) => ({ ...req, path: pool[next++ % pool.length] }) }] });
    answered += r["2xx"] + r["3xx"];
    refused += r["4xx"] + r["5xx"] + r.errors + r.timeouts;
    const took = (Date.parse(r.finish) - Date.parse(r.start)) / 1000;
    log(`  ${minute()} min  tracking: ${r["2xx"] + r["3xx"]} answered in ${took.toFixed(1)} s (p99 ${r.latency.p99} ms); ${answered} in all, ${refused} not answered`);
  }
  await sending;
  clearInterval(sampler);
  clearInterval(heapSampler);
  heapSamples.push({ min: (performance.now() - t0) / 60_000, mb: (await heap.usage()).usedMb });
  heap.close();

  // 5. Accounts.
  const sent = campaigns.reduce((s, c) => s + c.progress.sent, 0);
  const offered = campaigns.length * args.contacts;
  const received = await sink.waitFor(sent);
  const ids = campaigns.map((c) => c.id);
  const recorded = () => db.prepare(`SELECT COUNT(*) AS n FROM events WHERE kind IN ('open', 'click') AND campaign_id IN (${ids.map(() => "?").join(",")})`).get(...ids).n;
  let events = recorded();
  for (let still = 0; events < answered && still < 20; still++) {
    await sleep(500);
    const n = recorded();
    if (n !== events) still = 0;
    events = n;
  }
  const credit1 = await credit();
  const creditDrift = credit0.available - credit1.available - sent + credit1.reserved;

  /** Means of the middle and last thirds of the run (the first is the warm-up), and the growth between them in percent. */
  const trend = (xs) => {
    const third = args.minutes / 3;
    const early = mean(xs.filter((s) => s.min >= third && s.min < 2 * third).map((s) => s.mb));
    const late = mean(xs.filter((s) => s.min >= 2 * third).map((s) => s.mb));
    return { early, late, growth: ((late - early) / early) * 100 };
  };
  const { early, late, growth } = trend(samples);
  const js = trend(heapSamples);
  for (let m = 0; m < args.minutes; m += 5) {
    const w = heapSamples.filter((s) => s.min >= m && s.min < m + 5).map((s) => s.mb);
    if (w.length) log(`  JavaScript heap, minutes ${m}–${m + 5}: mean ${mean(w).toFixed(1)} MB, min ${Math.min(...w).toFixed(1)}, max ${Math.max(...w).toFixed(1)}`);
  }
  for (let m = 0; m < args.minutes; m += 5) {
    const w = samples.filter((s) => s.min >= m && s.min < m + 5).map((s) => s.mb);
    if (w.length) log(`  memory, minutes ${m}–${m + 5}: mean ${mean(w).toFixed(1)} MB, min ${Math.min(...w).toFixed(1)}, max ${Math.max(...w).toFixed(1)}`);
  }
  const figures = { mailed_twice: Math.max(0, received - sent), never_mailed: offered - sent, events_lost: answered - events, credit_drift: creditDrift };
  log(`  ${campaigns.length} campaigns (${campaigns.map((c) => c.status).join(" ")}); smtp-sink ${received}; events ${events} of ${answered} answered (${refused} not answered); credit ${credit0.available} → ${credit1.available}, reserved ${credit1.reserved}`);
  process.stdout.write(
    `soak minutes=${args.minutes} emails=${sent} tracking=${answered} rss_early_mb=${early.toFixed(1)} rss_late_mb=${late.toFixed(1)} growth_pct=${growth.toFixed(1)} heap_early_mb=${js.early.toFixed(1)} heap_late_mb=${js.late.toFixed(1)} heap_growth_pct=${js.growth.toFixed(1)} ` +
      `${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(" ")}\n`,
  );
  db.close();
  return growth <= args.margin && js.growth <= args.margin && Object.values(figures).every((v) => v === 0) && refused === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (!stopping) log(`✗ ${err.stack ?? err.message}`);
}
if (!stopping) {
  stopping = true;
  await stopAll();
  if (state) rmSync(state, { recursive: true, force: true });
  process.exit(code);
}
