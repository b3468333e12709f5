/** Ports and HTTP checks for the dev command. */
import { createServer } from "node:net";

/** Throws a readable error when something already listens on host:port. */
export function assertPortFree(host, port, what) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (err) => {
      if (err.code !== "EADDRINUSE") return reject(err);
      reject(
        new Error(
          `Port ${port} on ${host} is already in use, so ${what} cannot start there.\n` +
            `  Is another \`npm start\` or \`wrangler dev\` running? Stop it (see \`ss -ltnp 'sport = :${port}'\`),\n` +
            `  or pick another port: \`npm start -- --port ${port + 1}\`.`,
        ),
      );
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve()));
  });
}

/**
 * Polls `url` until it answers 2xx. Fails after `timeoutMs`, or as soon as `exited` (the
 * promise of the process that should answer) settles.
 */
export async function waitForHttp(url, { timeoutMs, exited }) {
  let gone = null;
  exited?.then((r) => (gone = r));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the process exited (${gone.signal ?? `exit code ${gone.code}`}) before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A TCP port on `host` that nobody listened on a moment ago (the OS picks it). */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
