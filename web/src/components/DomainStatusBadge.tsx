/** A DNS record's state as a badge with its word: Correcto, No encontrado, Incorrecto… */
import { domainStatusLabel, domainStatusTone, type RecordStatus } from "../lib/domains";

export default function DomainStatusBadge(props: { status: RecordStatus }) {
  return <span class={`badge ${domainStatusTone(props.status)}`}>{domainStatusLabel(props.status)}</span>;
}
