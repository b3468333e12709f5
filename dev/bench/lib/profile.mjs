/**
 * A V8 CPU profile of the Worker through wrangler's inspector proxy (worker-host.mjs with
 * BENCH_INSPECTOR_PORT), over the Chrome DevTools Protocol with Node's own WebSocket: start
 * before the measured run, stop after it, write the .cpuprofile (open it in Chrome DevTools)
 * and summarise self time by function.
 *
 * @example const p = await startProfile(9229); …; const summary = await p.stop("/tmp/send.cpuprofile");
 */
import { writeFileSync } from "node:fs";
import { connectInspector } from "./inspector.mjs";

export async function startProfile(port, { intervalUs = 500 } = {}) {
  const { send, close } = await connectInspector(port);
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: intervalUs });
  await send("Profiler.start");
  return {
    /** Stops, writes `file`, closes; resolves to lines of the summary. */
    async stop(file) {
      const { profile } = await send("Profiler.stop");
      close();
      writeFileSync(file, JSON.stringify(profile));
      return summarise(profile);
    },
  };
}

/** Self time per function (name, file, line), the largest first, as text lines. */
export function summarise(profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const us = dt[i + 1] ?? 0;
    total += us;
    const cf = node.callFrame;
    const file = cf.url ? cf.url.replace(/^.*\//, "") : "";
    const key = `${cf.functionName || "(anonymous)"} ${file}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + us);
  }
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`profile: ${(total / 1e6).toFixed(1)} s sampled`, ...rows.map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`)];
}
