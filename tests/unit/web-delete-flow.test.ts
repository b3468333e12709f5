/**
 * The shared "Eliminar" step of the Reportes sections (web/src/lib/delete-flow.ts): a row leaves
 * only after the server said yes, a refusal stays in the dialog in words, and asking again
 * starts without the last error.
 */
import { describe, expect, it } from "vitest";
import { createDeleteFlow } from "../../web/src/lib/delete-flow";

type Row = { id: string };

describe("createDeleteFlow", () => {
  it("asks, deletes, then closes and tells the section which row went", async () => {
    const removed: string[] = [];
    const deleted: string[] = [];
    const del = createDeleteFlow<Row>({ remove: async (r) => void removed.push(r.id), onDeleted: (r) => void deleted.push(r.id) });
    expect(del.target()).toBeNull();
    del.ask({ id: "exp_1" });
    expect(del.target()).toEqual({ id: "exp_1" });
    const running = del.confirm();
    expect(del.busy()).toBe(true);
    await running;
    expect(removed).toEqual(["exp_1"]);
    expect(deleted).toEqual(["exp_1"]);
    expect(del.target()).toBeNull();
    expect(del.busy()).toBe(false);
    expect(del.error()).toBeNull();
  });

  it("keeps the dialog open with the server's words when the delete is refused, and clears them on the next ask", async () => {
    const deleted: string[] = [];
    const del = createDeleteFlow<Row>({
      remove: async () => {
        throw new Error("export not found");
      },
      onDeleted: (r) => void deleted.push(r.id),
    });
    del.ask({ id: "exp_2" });
    await del.confirm();
    expect(deleted).toEqual([]);
    expect(del.target()).toEqual({ id: "exp_2" });
    expect(del.error()).toBe("export not found");
    expect(del.busy()).toBe(false);
    del.cancel();
    expect(del.target()).toBeNull();
    del.ask({ id: "exp_3" });
    expect(del.error()).toBeNull();
    expect(del.target()).toEqual({ id: "exp_3" });
  });

  it("does nothing when confirmed with no row asked for", async () => {
    let calls = 0;
    const del = createDeleteFlow<Row>({ remove: async () => void calls++, onDeleted: () => void calls++ });
    await del.confirm();
    expect(calls).toBe(0);
    expect(del.busy()).toBe(false);
  });
});
