/** One number that matters, large, with its label above and one line of context below. */
import { Show } from "solid-js";

export default function KpiCard(props: { label: string; value: string; detail?: string; detail2?: string; testId?: string }) {
  return (
    <div class="kpi" data-testid={props.testId}>
      <p class="kpi-label">{props.label}</p>
      <p class="kpi-value">{props.value}</p>
      <Show when={props.detail}>
        <p class="kpi-detail">{props.detail}</p>
      </Show>
      <Show when={props.detail2}>
        <p class="kpi-detail">{props.detail2}</p>
      </Show>
    </div>
  );
}
