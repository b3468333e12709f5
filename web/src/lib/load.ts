/**
 * Loading one thing for a page without Suspense: the data once it arrives, the error if it
 * failed, whether it is loading, and `reload()`. Starts at once.
 */
import { createSignal } from "solid-js";

/** @example const users = createLoader(() => api.listUsers()); users.data()?.users */
export function createLoader<T>(fetcher: () => Promise<T>, start = true) {
  const [data, setData] = createSignal<T | undefined>(undefined);
  const [error, setError] = createSignal<unknown>(null);
  const [loading, setLoading] = createSignal(start);

  async function reload(): Promise<void> {
    setLoading(true);
    setError(null);
    try {
      setData(() => undefined as T | undefined);
      const value = await fetcher();
      setData(() => value);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }
  if (start) void reload();
  return { data, setData: (v: T) => setData(() => v), error, loading, reload };
}
