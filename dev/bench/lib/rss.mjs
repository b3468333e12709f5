/**
 * Resident memory of a process group's workerd processes (the runtime of one `wrangler dev`),
 * sampled from /proc every `intervalMs`. wrangler's dev server runs two workerd processes: its
 * proxy (about 85 MB, routing requests) and the one with the Worker, D1, R2 and the Queues.
 *   - processPeakMb: the largest VmHWM (high-water mark, so no spike between two samples is
 *     missed) of any one of them, i.e. the Worker's runtime;
 *   - peakMb: both together: the largest sum of their VmRSS, or processPeakMb if larger. It also reports each process's I/O from /proc/<pid>/io
 * over the same span (bytes read and written by system calls, and written to disk).
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

/** Bytes the process read and wrote through system calls (rchar, wchar) and to disk (write_bytes). */
function io(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/io`, "utf8");
    const n = (key) => Number(new RegExp(`^${key}: (\\d+)`, "m").exec(text)?.[1] ?? 0);
    return { read: n("rchar"), written: n("wchar"), disk: n("write_bytes") };
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM in kB, or null when the process is gone. */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS"), hwm: kb("VmHWM"), anon: kb("RssAnon"), file: kb("RssFile") };
  } catch {
    return null;
  }
}

/**
 * Resident kB of each process named `comm` in process group `pgid`, now.
 * @example Math.max(...groupRssKb(worker.pid)) / 1024 // the Worker's runtime, in MB
 */
export function groupRssKb(pgid, comm = "workerd") {
  return processes()
    .filter((p) => p.pgrp === pgid && p.comm === comm)
    .map((p) => memory(p.pid)?.rss)
    .filter((kb) => kb !== undefined);
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
      const seen = perPid.get(pid) ?? { hwm: 0, rss: 0, io0: io(pid), io: null };
      const peak = m.rss >= seen.rss ? { anon: m.anon, file: m.file } : { anon: seen.anon, file: seen.file };
      perPid.set(pid, { ...seen, ...peak, hwm: Math.max(seen.hwm, m.hwm), rss: Math.max(seen.rss, m.rss), io: io(pid) ?? seen.io });
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
      processPeakMb: maxHwm / 1024,
      peakSumMb: peakSumKb / 1024,
      currentMb: lastSumKb / 1024,
      samples,
      perPid: [...perPid.entries()].map(([pid, p]) => ({
        pid,
        hwmMb: p.hwm / 1024,
        peakRssMb: p.rss / 1024,
        // At the largest VmRSS sampled: anonymous memory (heaps) and file-backed pages (the binary).
        anonMb: (p.anon ?? 0) / 1024,
        fileMb: (p.file ?? 0) / 1024,
        // I/O since sampling started: what the runtime's SQLite (D1, R2 metadata) costs in system calls and disk.
        readMb: p.io && p.io0 ? (p.io.read - p.io0.read) / 1e6 : null,
        writtenMb: p.io && p.io0 ? (p.io.written - p.io0.written) / 1e6 : null,
        diskMb: p.io && p.io0 ? (p.io.disk - p.io0.disk) / 1e6 : null,
      })),
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
