/**
 * The Worker isolate's JavaScript heap through wrangler's inspector proxy (worker-host.mjs with
 * BENCH_INSPECTOR_PORT), over the Chrome DevTools Protocol (Runtime.getHeapUsage): how much of
 * the resident memory is the JavaScript of the Worker and its Durable Objects, and how much the
 * runtime's own. workerd does not answer HeapProfiler.collectGarbage, so the figure includes
 * garbage not yet collected: a leak shows as a rising floor, not as a rising peak.
 *
 * @example const heap = await connectHeap(9229); const { usedMb } = await heap.usage(); heap.close();
 */
import { connectInspector } from "./inspector.mjs";

export async function connectHeap(port) {
  const { send, close } = await connectInspector(port);
  return {
    /** The heap in use and its total size, in MB. */
    async usage() {
      const { usedSize, totalSize } = await send("Runtime.getHeapUsage");
      return { usedMb: usedSize / 1048576, totalMb: totalSize / 1048576 };
    },
    close,
  };
}
