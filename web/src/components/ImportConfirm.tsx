/**
 * Step 3 of the import: what will happen, in sentences ("Se importará «archivo.csv» (2,4 MB) a
 * la lista «Proveedores»…"), then "Iniciar importación". A mapping the server refuses sends the
 * person back to the columns with its reason.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { ImportOut } from "../lib/api";
import { formatBytes } from "../lib/audience";
import { targetLabel, type MappingChoice } from "./ImportMapping";

export default function ImportConfirm(props: { imp: ImportOut; listName: string; choice: MappingChoice; busy: boolean; error: string | null; onBack: () => void; onStart: () => void }) {
  const titles = () => {
    const first = props.imp.header ?? props.imp.preview[0] ?? [];
    return first.map((c, i) => (props.choice.hasHeader && c.trim() ? c.trim() : t("wizard.columnN", { n: i + 1 })));
  };
  const used = () => props.choice.mapping.flatMap((m, i) => (m === null ? [] : [`${targetLabel(m)} ← «${titles()[i]}»`]));
  const ignored = () => props.choice.mapping.flatMap((m, i) => (m === null ? [`«${titles()[i]}»`] : []));
  const lines = () => [
    t("wizard.summary.file", { file: props.imp.fileName, size: formatBytes(props.imp.fileSize), list: props.listName }),
    t("wizard.summary.columns", { columns: used().join("; ") }),
    ...(ignored().length ? [t("wizard.summary.ignored", { columns: ignored().join(", ") })] : []),
    props.choice.hasHeader ? t("wizard.summary.header") : t("wizard.summary.noHeader"),
    props.choice.policy === "upsert" ? t("wizard.summary.upsert") : t("wizard.summary.insert"),
    t("wizard.summary.consent"),
  ];
  return (
    <div class="wizard-panel confirm">
      <h2 class="section-title">{t("wizard.confirmTitle")}</h2>
      <div class="confirm-summary confirm-info" tabindex="-1" data-testid="import-summary">
        <For each={lines()}>{(line) => <p>{line}</p>}</For>
      </div>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" disabled={props.busy} onClick={() => props.onBack()}>
          {t("wizard.back")}
        </button>
        <button type="button" class="btn btn-primary" disabled={props.busy} onClick={() => props.onStart()}>
          {props.busy ? t("wizard.starting") : t("wizard.start")}
        </button>
      </div>
    </div>
  );
}
