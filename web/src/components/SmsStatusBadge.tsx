/** An SMS message's status as a badge with its word: En cola, Enviando, Aceptado, Entregado, Fallido… */
import { statusTone } from "../lib/sms-messages";
import { smsStatusLabel } from "../lib/sms-words";

export default function SmsStatusBadge(props: { status: string }) {
  return (
    <span class={`badge ${statusTone(props.status)}`} data-testid="sms-status">
      {smsStatusLabel(props.status)}
    </span>
  );
}
