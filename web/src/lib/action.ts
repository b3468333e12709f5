/**
 * A button's action against the API: whether it is running (the button disabled, its label
 * saying so) and the server's refusal in words. `run` clears the last error first and never
 * throws, so a failed call shows up only as `error()`.
 */
import { createSignal } from "solid-js";
import { errorText } from "./errors";

/**
 * @example
 * const action = createAction();
 * <button disabled={action.busy()} onClick={() => void action.run(async () => done(await api.publishCampaign(id)))}>…</button>
 * <FormError text={action.error()} /> // components/FormError.tsx
 */
export function createAction() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  /** Runs `fn` unless already running; answers whether it succeeded. */
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    if (busy()) return false;
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(errorText(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, run };
}
