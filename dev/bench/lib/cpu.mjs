/**
 * CPU time (user + system) used by the processes of a process group, from /proc: a measure of
 * the work done that, unlike wall time, hardly depends on what else the machine is running.
 * Per thread too, to see which one of a runtime is the bottleneck.
 *
 * @example const before = groupCpu(pgid); …; const used = cpuDelta(before, groupCpu(pgid)); // seconds per thread
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK = 100; // USER_HZ: clock ticks per second of /proc/*/stat on Linux

function stat(path) {
  try {
    const s = readFileSync(path, "utf8");
    const close = s.lastIndexOf(")");
    const f = s.slice(close + 2).split(" "); // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    return { comm: s.slice(s.indexOf("(") + 1, close), pgrp: Number(f[2]), cpu: (Number(f[11]) + Number(f[12])) / TICK };
  } catch {
    return null;
  }
}

/**
 * CPU seconds so far of every thread of the processes in group `pgid` whose name matches `comm`
 * (all when omitted): a Map "pid/tid name" → seconds.
 */
export function groupCpu(pgid, comm) {
  const out = new Map();
  for (const name of readdirSync("/proc")) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    const p = stat(`/proc/${name}/stat`);
    if (!p || p.pgrp !== pgid || (comm && !comm.test(p.comm))) continue;
    let tasks = [];
    try {
      tasks = readdirSync(`/proc/${name}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const t = stat(`/proc/${name}/task/${tid}/stat`);
      if (t) out.set(`${p.comm}:${name}/${t.comm}:${tid}`, t.cpu);
    }
  }
  return out;
}

/** Seconds used between two groupCpu samples: `{ total, top: [[thread, s], …] }` (busiest first). */
export function cpuDelta(before, after) {
  const per = [];
  for (const [k, v] of after) per.push([k, v - (before.get(k) ?? 0)]);
  per.sort((a, b) => b[1] - a[1]);
  return { total: per.reduce((a, [, s]) => a + s, 0), top: per.filter(([, s]) => s >= 0.05) };
}

/**
 * Scheduler times of every thread of group `pgid` (keys as groupCpu's), from
 * /proc/<pid>/task/<tid>/schedstat: seconds running and seconds runnable but waiting for a CPU
 * (other processes had it). Over an interval, wall - run - wait is the time a thread had
 * nothing to do.
 */
export function groupSched(pgid, comm) {
  const out = new Map();
  for (const key of groupCpu(pgid, comm).keys()) {
    const [, pid, tid] = /:(\d+)\/.*:(\d+)$/.exec(key);
    try {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").trim().split(" ").map(Number);
      out.set(key, { run: run / 1e9, wait: wait / 1e9 });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
