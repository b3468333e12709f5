/**
 * Child processes of the dev command. Every child runs in its own process group (`detached`,
 * i.e. setsid), and stopping a child signals its whole group: `wrangler dev` starts `workerd`,
 * which would otherwise outlive it. Children never read the terminal (stdin is ignored), so
 * wrangler stays non-interactive: no hotkeys, no prompts.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const live = new Set();

/**
 * Start `cmd` in a new process group. `prefix` (e.g. "worker") labels each output line;
 * without it the output goes straight to the terminal. `onLine(line, "stdout" | "stderr")`, if
 * given, receives each line instead of the terminal (a benchmark keeps its stdout clean with it).
 */
export function spawnGroup(cmd, args, { prefix, onLine, ...opts } = {}) {
  const piped = Boolean(prefix || onLine);
  const child = spawn(cmd, args, {
    ...opts,
    detached: true,
    stdio: ["ignore", piped ? "pipe" : "inherit", piped ? "pipe" : "inherit"],
  });
  const tail = [];
  if (piped) {
    for (const [stream, out, name] of [[child.stdout, process.stdout, "stdout"], [child.stderr, process.stderr, "stderr"]]) {
      createInterface({ input: stream }).on("line", (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (onLine) onLine(line, name);
        else out.write(`[${prefix}] ${line}\n`);
      });
    }
  }
  const exited = new Promise((resolve) => {
    child.on("error", (err) => resolve({ code: null, signal: null, error: err }));
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
  const handle = {
    pid: child.pid,
    exited,
    tail,
    /** Signal the group; returns false once the group has no process left. */
    signal(sig) {
      try {
        process.kill(-child.pid, sig);
        return true;
      } catch {
        return false;
      }
    },
    /** SIGTERM the group, SIGKILL whatever is left after `graceMs`; resolves when it is empty. */
    async stop(graceMs = 5000) {
      const deadline = Date.now() + graceMs;
      handle.signal("SIGTERM");
      // A group outlives its leader while any member lives; give up 2 s after the SIGKILL
      // (an unreaped zombie would still answer signal 0).
      while (handle.signal(0) && Date.now() < deadline + 2000) {
        if (Date.now() > deadline) handle.signal("SIGKILL");
        await new Promise((r) => setTimeout(r, 100));
      }
      live.delete(handle);
    },
  };
  if (child.pid) live.add(handle);
  exited.then(() => {
    if (!handle.signal(0)) live.delete(handle);
  });
  return handle;
}

/** Run a command to completion in its own process group; rejects on failure. */
export async function run(cmd, args, opts = {}) {
  const handle = spawnGroup(cmd, args, opts);
  const { code, signal, error } = await handle.exited;
  live.delete(handle);
  if (error) throw new Error(`could not run ${cmd}: ${error.message}`);
  if (code !== 0) throw new Error(`\`${[cmd, ...args].join(" ")}\` failed (${signal ?? `exit code ${code}`})`);
}

/** Stop every process group still running (used on Ctrl-C, SIGTERM and errors). */
export async function stopAll(graceMs) {
  await Promise.all([...live].map((h) => h.stop(graceMs)));
}

/** Last resort when this process exits abruptly: SIGKILL every group still known. */
export function killAllNow() {
  for (const h of live) h.signal("SIGKILL");
}
