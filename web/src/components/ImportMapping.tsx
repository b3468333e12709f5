/**
 * Step 2 of the import: the file as a table (its header, then the first rows) with one select
 * per column saying which contact field it feeds (Correo, Celular, Nombre, Apellidos, Cargo,
 * Empresa, a custom field with its key, or Ignorar), prefilled from the server's suggestion or
 * the account's remembered choice. Also: whether the first row is a header, what to do with
 * contacts that already exist, and the detected encoding and delimiter. Checked here in Spanish
 * before the server checks it again.
 */
import { For, Index, Show, createSignal, createUniqueId } from "solid-js";
import { t, type MessageKey } from "../i18n";
import type { ColumnTarget, FieldOut, ImportOut } from "../lib/api";
import { formatNumber } from "../lib/format";
import CheckboxField from "./CheckboxField";
import RadioGroup from "./RadioGroup";

export type MappingChoice = { mapping: ColumnTarget[]; hasHeader: boolean; policy: "upsert" | "insert" };

const STANDARD = ["email", "phone", "firstName", "lastName", "position", "company"] as const;
const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const DELIMITERS: Record<string, MessageKey> = { ",": "wizard.delimiter.comma", ";": "wizard.delimiter.semicolon", "\t": "wizard.delimiter.tab", "|": "wizard.delimiter.pipe" };

/** A custom field key from a column title: "Fecha de ingreso" → "fecha_de_ingreso". */
export function keyFromTitle(title: string, index: number): string {
  const s = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  if (!s) return `campo_${index + 1}`;
  return /^[a-z]/.test(s) ? s : `c_${s}`.slice(0, 40);
}

export function targetLabel(target: ColumnTarget): string {
  if (target === null) return t("wizard.target.ignore");
  if (target.startsWith("custom:")) return `${t("wizard.target.custom")} «${target.slice(7)}»`;
  return t(`wizard.target.${target}` as MessageKey);
}

export default function ImportMapping(props: { imp: ImportOut; fields: FieldOut[]; initial?: MappingChoice; error?: string | null; onNext: (choice: MappingChoice) => void }) {
  const uid = createUniqueId();
  const first = props.imp.header ?? props.imp.preview[0] ?? [];
  const columns = first.length;
  const start = props.initial?.mapping ?? props.imp.mapping ?? new Array<ColumnTarget>(columns).fill(null);
  const [targets, setTargets] = createSignal<string[]>(Array.from({ length: columns }, (_, i) => {
    const m = start[i] ?? null;
    return m === null ? "" : m.startsWith("custom:") ? "custom" : m;
  }));
  const [keys, setKeys] = createSignal<string[]>(Array.from({ length: columns }, (_, i) => {
    const m = start[i] ?? null;
    return m?.startsWith("custom:") ? m.slice(7) : "";
  }));
  const [hasHeader, setHasHeader] = createSignal(props.initial?.hasHeader ?? props.imp.hasHeader ?? true);
  const [policy, setPolicy] = createSignal<"upsert" | "insert">(props.initial?.policy ?? props.imp.policy);
  const [error, setError] = createSignal<string | null>(props.error ?? null);

  // The first row is a header when the box says so, whatever the server guessed.
  const titles = () => (hasHeader() ? first.map((c, i) => c.trim() || t("wizard.columnN", { n: i + 1 })) : first.map((_, i) => t("wizard.columnN", { n: i + 1 })));
  const rows = () => {
    const all = props.imp.header ? [props.imp.header, ...props.imp.preview] : props.imp.preview;
    return hasHeader() ? all.slice(1) : all;
  };

  const setTarget = (i: number, value: string) => {
    setTargets((ts) => ts.map((x, j) => (j === i ? value : x)));
    if (value === "custom" && !keys()[i]) setKeys((ks) => ks.map((k, j) => (j === i ? keyFromTitle(hasHeader() ? (first[i] ?? "") : "", i) : k)));
    if (error()) check();
  };

  function mapping(): ColumnTarget[] {
    return targets().map((x, i) => (x === "" ? null : x === "custom" ? (`custom:${keys()[i]!.trim()}` as ColumnTarget) : (x as ColumnTarget)));
  }

  function check(): boolean {
    const m = mapping();
    let message: string | null = null;
    const seen = new Map<string, number>();
    m.forEach((target, i) => {
      if (message || target === null) return;
      if (target.startsWith("custom:") && !CUSTOM_KEY.test(target.slice(7))) {
        message = t("wizard.error.customKey", { column: titles()[i]! });
        return;
      }
      const before = seen.get(target);
      if (before !== undefined) message = t("wizard.error.duplicate", { a: titles()[before]!, b: titles()[i]!, target: targetLabel(target) });
      seen.set(target, i);
    });
    if (!message && !seen.has("email") && !seen.has("phone")) message = t("wizard.error.noAddress");
    setError(message);
    return message === null;
  }

  const delimiter = () => (props.imp.delimiter ? (DELIMITERS[props.imp.delimiter] ? t(DELIMITERS[props.imp.delimiter]!) : props.imp.delimiter) : t("common.none"));

  return (
    <form
      class="form wizard-panel"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        if (check()) props.onNext({ mapping: mapping(), hasHeader: hasHeader(), policy: policy() });
      }}
    >
      <p class="form-context" data-testid="detected">
        {t("wizard.detected", { encoding: (props.imp.encoding ?? "").toUpperCase() || t("common.none"), delimiter: delimiter(), rows: formatNumber(rows().length) })}
      </p>
      <p class="hint" id={`${uid}-hint`}>
        {t("wizard.mappingHint")}
      </p>
      <div class="table-wrap mapping-wrap" classList={{ "has-error": !!error() }}>
        <table class="data mapping" aria-label={t("wizard.mappingLabel")} aria-describedby={`${uid}-hint${error() ? ` ${uid}-error` : ""}`}>
          <thead>
            <tr>
              <Index each={titles()}>
                {(title, i) => (
                  <th scope="col" data-column={i}>
                    {title()}
                  </th>
                )}
              </Index>
            </tr>
            <tr class="mapping-controls">
              <Index each={targets()}>
                {(target, i) => (
                  <td>
                    <label class="visually-hidden" for={`${uid}-t${i}`}>
                      {t("wizard.columnTarget", { column: titles()[i]! })}
                    </label>
                    <select id={`${uid}-t${i}`} value={target()} onChange={(e) => setTarget(i, e.currentTarget.value)} data-column={i}>
                      <For each={STANDARD}>{(s) => <option value={s}>{t(`wizard.target.${s}`)}</option>}</For>
                      <option value="custom">{t("wizard.target.custom")}</option>
                      <option value="">{t("wizard.target.ignore")}</option>
                    </select>
                    <Show when={target() === "custom"}>
                      <label class="mapping-key">
                        <span class="small muted">{t("wizard.customKeyShort")}</span>
                        <input
                          type="text"
                          value={keys()[i]}
                          list={`${uid}-fields`}
                          aria-label={t("wizard.customKey", { column: titles()[i]! })}
                          autocomplete="off"
                          spellcheck={false}
                          onInput={(e) => {
                            const v = e.currentTarget.value;
                            setKeys((ks) => ks.map((k, j) => (j === i ? v : k)));
                          }}
                          onBlur={() => error() && check()}
                        />
                      </label>
                    </Show>
                  </td>
                )}
              </Index>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr>
                  <Index each={titles()}>{(_, i) => <td class="cell-preview">{row[i] ?? ""}</td>}</Index>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <datalist id={`${uid}-fields`}>
        <For each={props.fields}>{(f) => <option value={f.key}>{f.label}</option>}</For>
      </datalist>
      <Show when={error()}>
        <p class="field-error" id={`${uid}-error`} role="alert" data-testid="mapping-error">
          {error()}
        </p>
      </Show>
      <CheckboxField label={t("wizard.hasHeader")} checked={hasHeader()} onChange={setHasHeader} hint={t("wizard.hasHeaderHint")} />
      <RadioGroup
        legend={t("wizard.policy")}
        value={policy()}
        onChange={(v) => setPolicy(v as "upsert" | "insert")}
        options={[
          { value: "upsert", label: t("wizard.policy.upsert") },
          { value: "insert", label: t("wizard.policy.insert") },
        ]}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t("wizard.next")}
        </button>
      </div>
    </form>
  );
}
