/** A channel or membership status as a badge with its word: Suscrito, Desuscrito, Rebote duro… */
import { statusLabel, statusTone } from "../lib/audience";

export default function StatusBadge(props: { status: string }) {
  return <span class={`badge ${statusTone(props.status)}`}>{statusLabel(props.status)}</span>;
}
