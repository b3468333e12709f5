/** An automation's state as a badge with its word: Borrador, Activa, En pausa. */
import { automationStatusLabel, automationStatusTone } from "../lib/automation-words";

export default function AutomationStatusBadge(props: { status: string }) {
  return (
    <span class={`badge ${automationStatusTone(props.status)}`} data-testid="automation-status">
      {automationStatusLabel(props.status)}
    </span>
  );
}
