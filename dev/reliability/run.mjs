/**
 * `npm run reliability`: the figures of docs/reliability.md, produced by a command
 * anyone can rerun.
 *
 *   1. runs the fault-injection suite, tests/worker/faults-*.test.ts (real Miniflare D1, Durable
 *      Objects and Queues, the SMTP test server, the fake SMS provider), and the worker fuzz file
 *      tests/worker/fuzz-endpoints.test.ts, with vitest's JSON reporter; each fault test prints
 *      its figures as one `RELIABILITY {json}` line, collected here from the output
 *   2. runs the unit fuzz files, tests/unit/fuzz-*.test.ts
 *   3. counts the fuzz cases from each file's exported `*_RUNS` constant × its properties (the
 *      `numRuns: <constant>` uses), checked against the count the file states in its first line
 *   4. prints a summary table and rewrites only the block between the markers
 *      `<!-- reliability:figures:start -->` and `<!-- reliability:figures:end -->` in
 *      docs/reliability.md (date, machine, table)
 *
 * Exits 1 when a test failed, a fault test printed no figures, or a fuzz file's stated count
 * disagrees with its constant. Options: --no-write (print only).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const doc = join(root, "docs/reliability.md");
const START = "<!-- reliability:figures:start -->";
const END = "<!-- reliability:figures:end -->";
const write = !process.argv.includes("--no-write");
const tmp = mkdtempSync(join(tmpdir(), "pregon-reliability-"));
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

/** Runs vitest with the JSON reporter; echoes its output and returns it with the parsed report. */
function vitest(config, files, name) {
  const out = join(tmp, `${name}.json`);
  const args = ["vitest", "run", "--config", config, ...files, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`];
  return new Promise((done) => {
    const child = spawn("npx", args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (c) => (process.stderr.write(c), (text += c)));
    child.stderr.on("data", (c) => process.stderr.write(c));
    child.on("close", (code) => {
      let report = null;
      try {
        report = JSON.parse(readFileSync(out, "utf8"));
      } catch {
        report = null;
      }
      done({ code, text: strip(text), report });
    });
  });
}

const list = (dir, re) => readdirSync(join(root, dir)).filter((f) => re.test(f)).sort().map((f) => `${dir}/${f}`);
const faultFiles = list("tests/worker", /^faults-.*\.test\.ts$/);
const unitFuzz = list("tests/unit", /^fuzz-.*\.test\.ts$/);
const workerFuzz = ["tests/worker/fuzz-endpoints.test.ts"];

/** Cases a fuzz file generates per run: its `*_RUNS` constant × the properties that use it. */
function fuzzCases(file) {
  const src = readFileSync(join(root, file), "utf8");
  const c = /export const (\w+_RUNS) = (\d+);/.exec(src);
  if (!c) return { file, error: "no exported *_RUNS constant" };
  const runs = Number(c[2]);
  const properties = src.split(`numRuns: ${c[1]}`).length - 1;
  const stated = /=\s*([\d,]+)\s/.exec(src.split("\n")[0] ?? "");
  const statedCases = stated ? Number(stated[1].replace(/,/g, "")) : null;
  return { file, constant: c[1], runs, properties, cases: runs * properties, statedCases };
}

/** Passed / failed tests of a file in a vitest JSON report. */
function fileResult(report, file) {
  const r = report?.testResults?.find((t) => t.name.endsWith(file));
  if (!r) return { passed: 0, failed: 0, missing: true };
  const passed = r.assertionResults.filter((a) => a.status === "passed").length;
  return { passed, failed: r.assertionResults.length - passed, missing: false };
}

const started = new Date();
const worker = await vitest("tests/worker/vitest.config.ts", [...faultFiles, ...workerFuzz], "worker");
const unit = await vitest("tests/unit/vitest.config.ts", unitFuzz, "unit");
rmSync(tmp, { recursive: true, force: true });

/** Table order: the faults as docs/reliability.md numbers them (the tests finish in any order). */
const ORDER = ["relay-flap", "sms-provider-flap", "d1-settle-fails", "runner-do-throws", "worker-stopped", "worker-stopped + re-send of unknown"];
const rank = (f) => (ORDER.includes(f.fault) ? ORDER.indexOf(f.fault) : ORDER.length);
const figures = worker.text
  .split("\n")
  .filter((l) => l.startsWith("RELIABILITY "))
  .map((l) => JSON.parse(l.slice("RELIABILITY ".length)))
  .sort((a, b) => rank(a) - rank(b));
const problems = [];
if (worker.code !== 0) problems.push(`worker tests exited with ${worker.code}`);
if (unit.code !== 0) problems.push(`unit fuzz tests exited with ${unit.code}`);
for (const f of faultFiles) {
  const r = fileResult(worker.report, f);
  if (r.missing || r.failed) problems.push(`${f}: ${r.missing ? "no result" : `${r.failed} failed`}`);
}
const fuzz = [...unitFuzz.map((f) => ({ ...fuzzCases(f), ...fileResult(unit.report, f) })), ...workerFuzz.map((f) => ({ ...fuzzCases(f), ...fileResult(worker.report, f) }))];
for (const z of fuzz) {
  if (z.error) problems.push(`${z.file}: ${z.error}`);
  else if (z.statedCases !== null && z.statedCases !== z.cases) problems.push(`${z.file}: states ${z.statedCases} cases, counts ${z.cases}`);
  if (z.missing || z.failed) problems.push(`${z.file}: ${z.missing ? "no result" : `${z.failed} failed`}`);
}
if (figures.length < faultFiles.length) problems.push(`only ${figures.length} figure lines for ${faultFiles.length} fault files`);

const fmt = (n) => n.toLocaleString("en-US");
const faultRows = figures.map((f) => `| ${f.fault} | ${f.recipients} | ${f.mailedTwice} | ${f.neverMailed} | ${f.eventsLost} | ${f.liveDrift} | ${f.creditDrift} | ${f.reservedLeft} | ${f.note ?? ""} |`);
const fuzzRows = fuzz.map((z) => `| ${z.file} | ${z.properties ?? "?"} × ${z.runs ?? "?"} | ${fmt(z.cases ?? 0)} | ${z.failed || z.missing ? "FAILED" : `${z.passed} tests passed`} |`);
const totalCases = fuzz.reduce((t, z) => t + (z.cases ?? 0), 0);
const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model?.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const block = [
  START,
  `Run on ${started.toISOString().slice(0, 16).replace("T", " ")} UTC (${Math.round((Date.now() - started.getTime()) / 1000)} s) on ${machine}, by \`npm run reliability\`.${problems.length ? ` **Problems: ${problems.join("; ")}.**` : ""}`,
  "",
  "| Fault | Recipients | Mailed twice | Never mailed | Events lost | Live drift | Credit drift | Left reserved | Note |",
  "|---|---|---|---|---|---|---|---|---|",
  ...faultRows,
  "",
  "| Fuzz file | Properties × runs | Cases | Result |",
  "|---|---|---|---|",
  ...fuzzRows,
  `| **all** | | **${fmt(totalCases)}** | |`,
  END,
].join("\n");

console.log(block);
if (write) {
  const text = readFileSync(doc, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) problems.push(`docs/reliability.md has no ${START} … ${END} block`);
  else writeFileSync(doc, text.slice(0, a) + block + text.slice(b + END.length));
}
if (problems.length) {
  console.error(`reliability: ${problems.join("; ")}`);
  process.exit(1);
}
