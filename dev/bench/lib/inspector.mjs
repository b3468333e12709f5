/**
 * A Chrome DevTools Protocol session with the Worker through wrangler's inspector proxy
 * (worker-host.mjs with BENCH_INSPECTOR_PORT), over Node's own WebSocket: `send(method, params)`
 * resolves to the result. Shared by the CPU profile (profile.mjs) and the heap figure (heap.mjs).
 *
 * @example const { send, close } = await connectInspector(9229); await send("Runtime.getHeapUsage"); close();
 */
export async function connectInspector(port) {
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
  // The inspector proxy wants an Origin it knows (undici sends none by itself).
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
  return { send, close: () => ws.close() };
}
