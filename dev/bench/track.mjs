/**
 * `npm run bench:track`: the recipient endpoints under load, and how fast the live counters move.
 *
 *   1. starts smtp-sink and a local Worker (wrangler's dev server, fresh state), imports
 *      --contacts contacts, sends them a campaign (into the sink), and signs each recipient's
 *      open and click tokens with the instance's LINK_SECRET (shared/email/links.ts)
 *   2. load with autocannon, --requests of them: half pixel (/t/o/…), half click (/t/c/…), each
 *      a recipient's own token, cycling through them; then as many on /t/ping, a bare Hono route
 *      answering 204 in the same Worker: the runtime's own limit
 *   3. connects a WebSocket to the campaign's live counters (/api/v1/campaigns/:id/live), sends
 *      1,000 more pixel requests (20 at a time) and times each from its response to the first
 *      frame whose counters include it
 *   4. waits for the events to settle and counts them in D1: every answered pixel and click must
 *      be recorded (events_lost = requests answered − events in D1)
 *   5. prints one line on stdout:
 *        track rps=R bare_rps=B ratio=X live_p95_ms=L events_lost=N
 *
 * Options (after `npm run bench:track --`): --contacts <n> (default 2000), --requests <n> (5000),
 * --connections <n> (50). Target on the reference machine: ratio >= 0.5, live_p95_ms <= 1500,
 * events_lost = 0. Plain Node ESM; autocannon is a devDependency.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { stopAll, killAllNow } from "../lib/proc.mjs";
import { api, log, since, startInstance, UA } from "./lib/instance.mjs";
import { writeContactsCsv } from "./lib/contacts.mjs";
import { startSmtpSink } from "./lib/smtp-sink.mjs";
import { uploadFile } from "./lib/upload.mjs";
import { openD1 } from "./lib/d1.mjs";
import { installTsHooks } from "./lib/ts-import.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CACHE = join(root, "dev", "bench", ".cache");
const ADMIN = { email: "bench@pregon.local", password: "bench-track-2026" };
const SENDER_DOMAIN = "bench.pregon.test";
const LIVE_REQUESTS = 1000;

const { values: args } = parseArgs({ options: { contacts: { type: "string", default: "2000" }, requests: { type: "string", default: "5000" }, connections: { type: "string", default: "50" } } });
const N = Number(args.contacts);
const REQUESTS = Number(args.requests);
const CONNECTIONS = Number(args.connections);

let state = null;
let stopping = false;
async function cleanup() {
  await stopAll();
  if (state) rmSync(state, { recursive: true, force: true });
}
process.on("SIGINT", () => {
  if (stopping) return;
  stopping = true;
  killAllNow();
  process.exit(130);
});

async function until(what, check, timeoutMs = 120_000) {
  const t = performance.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (performance.now() - t > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * autocannon sending exactly `amount` requests to `paths` (cycled): every request is answered
 * before it returns, so the count of events to expect is exact (a time-bound run leaves requests
 * in flight at its end). Answers rps over the run's own duration.
 */
async function load(url, paths, amount) {
  let i = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    headers: UA,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  const answered = r["2xx"] + r["3xx"];
  const seconds = (Date.parse(r.finish) - Date.parse(r.start)) / 1000;
  return { rps: answered / seconds, answered, seconds, errors: r.errors + r.timeouts + r["4xx"] + r["5xx"], byStatus: { "2xx": r["2xx"], "3xx": r["3xx"], "4xx": r["4xx"], "5xx": r["5xx"] } };
}

async function main() {
  const linkSecret = randomBytes(24).toString("hex");
  const sink = await startSmtpSink();
  const inst = await startInstance({
    root,
    admin: ADMIN,
    keyName: "bench:track",
    onState: (dir) => (state = dir),
    vars: ["MX_CHECKS=off", "SMTP_HOST=127.0.0.1", `SMTP_PORT=${sink.port}`, "SMTP_TLS=none", `SENDER_DOMAINS=${SENDER_DOMAIN}`, `LINK_SECRET=${linkSecret}`, "DEFAULT_EMAIL_CREDITS=5000000"],
  });
  const { url, auth } = inst;

  // 1. An audience that got a campaign.
  let t = performance.now();
  mkdirSync(CACHE, { recursive: true });
  const ignore = join(CACHE, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "# generated benchmark data\n*\n");
  const file = join(CACHE, `contacts-track-${N}.csv`);
  if (!existsSync(file)) await writeContactsCsv(file, { rows: N });
  const list = (await api(url, "/lists", { method: "POST", body: { name: "Seguimiento (bench)" }, headers: auth })).json;
  const up = await uploadFile(`${url}/api/v1/lists/${list.id}/imports`, file, { headers: { ...UA, ...auth }, fields: { mapping: JSON.stringify(["email", "firstName", "lastName", "company", "position", "custom:ruc"]) } });
  await until("the import", async () => ["done", "failed"].includes((await api(url, `/imports/${up.body.importId}`, { headers: auth })).json.status));
  const template = (await api(url, "/templates", { method: "POST", body: { name: "Aviso (bench)", galleryKey: "newsletter" }, headers: auth })).json;
  const campaign = (
    await api(url, "/campaigns", {
      method: "POST",
      headers: auth,
      body: { name: "Seguimiento (bench)", subject: "Hola {{nombre}}", fromName: "Bench", fromAddress: `avisos@${SENDER_DOMAIN}`, templateId: template.id, audience: { listIds: [list.id], segmentIds: [] } },
    })
  ).json;
  await api(url, `/campaigns/${campaign.id}/send`, { method: "POST", headers: auth });
  await until("the campaign sent", async () => (await api(url, `/campaigns/${campaign.id}`, { headers: auth })).json.status === "sent");
  const db = await openD1(state);
  const ids = db.prepare("SELECT contact_id AS id FROM deliveries WHERE campaign_id = ? AND status = 'sent' ORDER BY contact_id").all(campaign.id).map((r) => r.id);
  installTsHooks();
  const { importLinkKey, signToken } = await import("../../shared/email/links.ts");
  const key = await importLinkKey(linkSecret);
  const opens = await Promise.all(ids.map(async (id) => `/t/o/${await signToken(key, { kind: "open", campaignId: campaign.id, contactId: id })}`));
  const clicks = await Promise.all(ids.map(async (id) => `/t/c/${await signToken(key, { kind: "click", campaignId: campaign.id, contactId: id, url: "https://www.gob.pe/convocatorias" })}`));
  log(`✓ ${ids.length} recipients mailed, tokens signed (${since(t)})`);

  // 2. Load: tracking, then the bare route.
  const mixed = opens.flatMap((o, i) => [o, clicks[i]]);
  log(`→ Pixel and click load: ${REQUESTS} requests, ${CONNECTIONS} connections…`);
  const track = await load(url, mixed, REQUESTS);
  log(`  ${track.rps.toFixed(0)} requests/s answered (${track.seconds.toFixed(1)} s), ${JSON.stringify(track.byStatus)}, errors ${track.errors}`);
  const bare = await load(url, ["/t/ping"], REQUESTS);
  log(`  bare route: ${bare.rps.toFixed(0)} requests/s (${bare.seconds.toFixed(1)} s), ${JSON.stringify(bare.byStatus)}`);

  // 4 (first part). Let the load's events settle before the live test starts.
  const recorded = () => db.prepare("SELECT COUNT(*) AS n FROM events WHERE campaign_id = ? AND kind IN ('open', 'click')").get(campaign.id).n;
  await settle(recorded, track.answered);

  // 3. Live: 1,000 pixel requests while a socket listens.
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/campaigns/${campaign.id}/live`, { headers: auth });
  const frames = [];
  const opened = (f) => (f.counters?.opened ?? 0) + (f.counters?.machineOpens ?? 0);
  // Node's own WebSocket (undici), which takes request headers as an option.
  ws.addEventListener("message", (e) => {
    const f = JSON.parse(String(e.data));
    if (f.counters) frames.push({ at: performance.now(), opens: opened(f) });
  });
  await until("the live snapshot", async () => frames.length > 0, 30_000);
  const base = frames[frames.length - 1].opens;
  const done = [];
  let next = 0;
  const worker = async () => {
    while (next < LIVE_REQUESTS) {
      const path = opens[next++ % opens.length];
      const res = await fetch(`${url}${path}`, { headers: UA });
      await res.arrayBuffer();
      if (res.ok) done.push(performance.now());
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  await until("the live counters", async () => frames[frames.length - 1].opens >= base + done.length, 60_000).catch(() => null);
  const latencies = done.map((sentAt, k) => {
    const f = frames.find((x) => x.opens >= base + k + 1 && x.at >= sentAt);
    return f ? f.at - sentAt : Infinity;
  });
  latencies.sort((a, b) => a - b);
  const p95 = latencies[Math.floor(latencies.length * 0.95)];
  ws.close();

  const expected = track.answered + done.length;
  const got = await settle(recorded, expected);
  const ratio = track.rps / bare.rps;
  process.stdout.write(
    `track rps=${Math.round(track.rps)} bare_rps=${Math.round(bare.rps)} ratio=${ratio.toFixed(2)} live_p95_ms=${Number.isFinite(p95) ? Math.round(p95) : "inf"} events_lost=${expected - got}\n`,
  );
  return expected === got && ratio >= 0.5 && p95 <= 1500 ? 0 : 1;
}

/** Poll the event count until it reaches `expected` or stops moving for 5 s. */
async function settle(count, expected) {
  let last = -1;
  let still = performance.now();
  for (;;) {
    const n = count();
    if (n >= expected) return n;
    if (n !== last) (last = n), (still = performance.now());
    else if (performance.now() - still > 5000) return n;
    await new Promise((r) => setTimeout(r, 250));
  }
}

let code = 1;
try {
  code = await main();
} catch (err) {
  log(`✗ ${err.message}`);
}
if (!stopping) {
  stopping = true;
  await cleanup();
  process.exit(code);
}
