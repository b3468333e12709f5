/**
 * The Worker isolate's JavaScript heap through wrangler's inspector proxy (worker-host.mjs with
 * BENCH_INSPECTOR_PORT), over the Chrome DevTools Protocol (Runtime.getHeapUsage): how much of
 * the resident memory is the JavaScript of the Worker and its Durable Objects, and how much the
 * runtime's own. workerd does not answer HeapProfiler.collectGarbage, so the figure includes
 * garbage not yet collected: a leak shows as a rising floor, not as a rising peak.
 *
 * @example const heap = await connectHeap(9229); const { usedMb } = await heap.usage(); heap.close();
 */
export async function connectHeap(port) {
  let target;
  for (let i = 0; i < 50 && !target; i++) {
    try {
      const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
      target = list.find((t) => t.webSocketDebuggerUrl);
    } catch {
      // not up yet
    }
    if (!target) await new Promise((r) => setTimeout(r, 200));
  }
  if (!target) throw new Error(`no inspector target on 127.0.0.1:${port}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl, { headers: { Origin: "http://127.0.0.1" } });
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error("inspector connection failed"));
  });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (ev) => {
    const msg = JSON.parse(typeof ev.data === "string" ? ev.data : Buffer.from(ev.data).toString());
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(msg.result);
    }
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, { resolve, reject });
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  return {
    /** The heap in use and its total size, in MB. */
    async usage() {
      const { usedSize, totalSize } = await send("Runtime.getHeapUsage");
      return { usedMb: usedSize / 1048576, totalMb: totalSize / 1048576 };
    },
    close: () => ws.close(),
  };
}
