/**
 * Keyset paging for the history tables: keeps the rows loaded so far and the server's
 * `nextCursor`; `loadMore()` appends the next page ("Cargar más"). `reload()` starts over even
 * while a page is on its way (a new search supersedes the old one; the late answer is dropped).
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

  let generation = 0;

  async function load(reset: boolean) {
    if (loading() && !reset) return;
    const mine = ++generation;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(reset ? null : cursor());
      if (mine !== generation) return;
      setItems((prev) => (reset ? page.entries : [...prev, ...page.entries]));
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      if (mine === generation) setError(err);
    } finally {
      if (mine === generation) setLoading(false);
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
    /** Replace the rows in place (after an edit or a removal). */
    setItems,
  };
}
