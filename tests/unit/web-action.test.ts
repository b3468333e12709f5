/**
 * The button action of the dashboard (web/src/lib/action.ts): busy while the call runs, a
 * second click meanwhile does nothing, a refusal ends up in words and the next run clears it.
 */
import { describe, expect, it } from "vitest";
import { createAction } from "../../web/src/lib/action";
import { ApiError } from "../../web/src/lib/api";

describe("createAction", () => {
  it("is busy while running, ignores a second run meanwhile, and answers true on success", async () => {
    const action = createAction();
    let calls = 0;
    let release!: () => void;
    const first = action.run(() => new Promise<void>((r) => ((calls += 1), (release = r))));
    expect(action.busy()).toBe(true);
    expect(await action.run(async () => void (calls += 1))).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(calls).toBe(1);
    expect(action.busy()).toBe(false);
    expect(action.error()).toBeNull();
  });

  it("keeps the server's refusal in words, and clears it when run again", async () => {
    const action = createAction();
    const refused = await action.run(async () => {
      throw new ApiError(409, "some_refusal", "La campaña aún no se ha enviado");
    });
    expect(refused).toBe(false);
    expect(action.error()).toContain("La campaña aún no se ha enviado");
    expect(action.busy()).toBe(false);
    const running = action.run(async () => {});
    expect(action.error()).toBeNull();
    expect(await running).toBe(true);
  });
});
