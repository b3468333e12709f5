/**
 * The confirm dialog of a delete flow (web/src/lib/delete-flow.ts): the summary lines of the row
 * about to go, "Volver" and the danger button, the server's refusal in words. It cannot be
 * closed while the delete runs.
 */
import ConfirmStep from "./ConfirmStep";
import Dialog from "./Dialog";
import type { DeleteFlow } from "../lib/delete-flow";

export default function DeleteDialog<T>(props: { flow: DeleteFlow<T>; title: string; lines: (item: T) => string[]; confirmLabel: string; busyLabel: string }) {
  const target = () => props.flow.target();
  return (
    <Dialog open={target() !== null} title={props.title} onClose={() => !props.flow.busy() && props.flow.cancel()}>
      <ConfirmStep
        lines={target() === null ? [] : props.lines(target() as T)}
        confirmLabel={props.confirmLabel}
        busyLabel={props.busyLabel}
        busy={props.flow.busy()}
        danger
        error={props.flow.error()}
        onBack={props.flow.cancel}
        onConfirm={() => void props.flow.confirm()}
      />
    </Dialog>
  );
}
