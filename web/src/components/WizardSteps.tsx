/** The five steps of the import wizard as an ordered list; the current one is marked for screen readers too. */
import { For } from "solid-js";
import { t, type MessageKey } from "../i18n";

const STEPS: MessageKey[] = ["wizard.step.upload", "wizard.step.mapping", "wizard.step.confirm", "wizard.step.progress", "wizard.step.report"];

export default function WizardSteps(props: { current: number }) {
  return (
    <ol class="steps" aria-label={t("wizard.stepsLabel")}>
      <For each={STEPS}>
        {(label, i) => (
          <li classList={{ done: i() < props.current, current: i() === props.current }} aria-current={i() === props.current ? "step" : undefined}>
            <span class="step-n" aria-hidden="true">
              {i() < props.current ? "✓" : i() + 1}
            </span>
            <span class="step-label">{t(label)}</span>
          </li>
        )}
      </For>
    </ol>
  );
}
