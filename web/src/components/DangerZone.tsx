/**
 * The quiet section at the bottom of a detail page that holds its one irreversible action
 * (borrar, eliminar), apart from everyday controls so nobody presses it by accident.
 */
export default function DangerZone(props: { title: string; hint: string; action: string; onAction: () => void }) {
  return (
    <section class="section danger-zone" aria-labelledby="danger-zone-title">
      <div>
        <h2 id="danger-zone-title" class="section-title">
          {props.title}
        </h2>
        <p class="muted small">{props.hint}</p>
      </div>
      <button type="button" class="btn btn-danger-outline" onClick={() => props.onAction()}>
        {props.action}
      </button>
    </section>
  );
}
