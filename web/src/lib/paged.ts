/**
 * Keyset paging for the history tables: keeps the rows loaded so far and the server's
 * `nextCursor`; `loadMore()` appends the next page ("Cargar más").
 */
import { createSignal } from "solid-js";

export type Page<T> = { entries: T[]; nextCursor: string | null };

/** @example const audit = createPaged((cursor) => api.audit(cursor)); audit.reload(); */
export function createPaged<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const [items, setItems] = createSignal<T[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);

  async function load(reset: boolean) {
    if (loading()) return;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(reset ? null : cursor());
      setItems((prev) => (reset ? page.entries : [...prev, ...page.entries]));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }

  return {
    items,
    loading,
    loaded,
    error,
    hasMore: () => cursor() !== null,
    loadMore: () => load(false),
    reload: () => load(true),
  };
}
