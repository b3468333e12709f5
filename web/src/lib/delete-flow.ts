/**
 * The "Eliminar" step shared by the sections with a table of things to delete (exports, export
 * schedules, webhooks, SMS connections, social accounts), shown by DeleteDialog: which row is
 * about to go, whether the delete is running, and the server's refusal to show in the confirm
 * dialog. The row leaves the list only after the server said yes, and the dialog stays open with
 * the error otherwise, so nobody believes something was deleted when it was not.
 */
import { createSignal } from "solid-js";
import { errorText } from "./errors";

/**
 * `remove` calls the API; `onDeleted` takes the row out of the list and says so.
 * @example
 * const del = createDeleteFlow<ExportOut>({ remove: (e) => api.deleteExport(e.id), onDeleted: (e) => drop(e.id) });
 * <Dialog open={del.target() !== null} onClose={del.cancel}>…<ConfirmStep busy={del.busy()} error={del.error()} onConfirm={() => void del.confirm()} /></Dialog>
 */
export function createDeleteFlow<T>(opts: { remove: (item: T) => Promise<unknown>; onDeleted: (item: T) => void }) {
  const [target, setTarget] = createSignal<T | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  /** Opens the confirmation for `item`, without the last attempt's error. */
  function ask(item: T) {
    setError(null);
    setTarget(() => item);
  }

  /** Closes the confirmation; nothing is deleted. */
  function cancel() {
    setTarget(null);
  }

  async function confirm() {
    const item = target();
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      await opts.remove(item);
      opts.onDeleted(item);
      setTarget(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return { target, busy, error, ask, cancel, confirm };
}

export type DeleteFlow<T> = ReturnType<typeof createDeleteFlow<T>>;
