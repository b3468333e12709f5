/**
 * Resident memory of a process group's workerd processes (the runtime of one `wrangler dev`),
 * sampled from /proc every `intervalMs`. `wrangler dev` runs two workerd processes (its proxy
 * and the one with the Worker, D1, R2 and the Queues), so a sample is the sum of their VmRSS;
 * the peak is the largest such sum, or one process's own high-water mark (VmHWM) if that is
 * larger (a spike between two samples).
 */
import { readdirSync, readFileSync } from "node:fs";

/** pid, comm and process group of every process, from /proc/<pid>/stat. */
function processes() {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" "); // state ppid pgrp …
      out.push({ pid: Number(name), comm, pgrp: Number(fields[2]) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** VmRSS and VmHWM in kB, or null when the process is gone. */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/**
 * Start sampling the processes named `comm` in process group `pgid`.
 * @example const s = sampleGroupRss(wrangler.pid); …; const { peakMb } = s.stop();
 */
export function sampleGroupRss(pgid, { comm = "workerd", intervalMs = 250 } = {}) {
  let pids = [];
  let lastScan = 0;
  let peakSumKb = 0;
  let samples = 0;
  let lastSumKb = 0;
  const perPid = new Map(); // pid → { hwm, rss peak }
  const tick = () => {
    const now = Date.now();
    // The set of processes rarely changes: rescan /proc every 2 s, or when one disappeared.
    if (now - lastScan > 2000 || pids.length === 0) {
      pids = processes().filter((p) => p.pgrp === pgid && p.comm === comm).map((p) => p.pid);
      lastScan = now;
    }
    let sum = 0;
    for (const pid of pids) {
      const m = memory(pid);
      if (!m) {
        lastScan = 0;
        continue;
      }
      sum += m.rss;
      const seen = perPid.get(pid) ?? { hwm: 0, rss: 0 };
      perPid.set(pid, { hwm: Math.max(seen.hwm, m.hwm), rss: Math.max(seen.rss, m.rss) });
    }
    if (pids.length > 0) samples++;
    lastSumKb = sum;
    peakSumKb = Math.max(peakSumKb, sum);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  const result = () => {
    const maxHwm = Math.max(0, ...[...perPid.values()].map((p) => p.hwm));
    return {
      peakMb: Math.max(peakSumKb, maxHwm) / 1024,
      peakSumMb: peakSumKb / 1024,
      currentMb: lastSumKb / 1024,
      samples,
      perPid: [...perPid.entries()].map(([pid, p]) => ({ pid, hwmMb: p.hwm / 1024, peakRssMb: p.rss / 1024 })),
    };
  };
  return {
    /** The numbers so far, sampling on. */
    peek: result,
    /** Stop sampling (after one last sample) and return the numbers. */
    stop() {
      clearInterval(timer);
      tick();
      return result();
    },
  };
}
