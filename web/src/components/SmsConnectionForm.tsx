/**
 * Add or edit an SMS connection: name, provider type, URL, credentials (the password is
 * write-only: empty keeps the stored one), sender, the operators it serves, priority and rate,
 * and whether it is active. Fields are checked on blur and on submit; the server's field error
 * lands next to its field. Editing also shows the callback URLs to give the provider.
 */
import { For, Show, createSignal, createUniqueId } from "solid-js";
import { createStore } from "solid-js/store";
import { t, type MessageKey } from "../i18n";
import { api, ApiError, type SmsConnectionOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { CONNECTION_KINDS, connectionBody, connectionDraft, connectionFieldProblem, OPERATORS, type ConnectionDraft, type ConnectionField, type ConnectionProblem } from "../lib/sms-connections";
import CheckboxField from "./CheckboxField";
import SelectField from "./SelectField";
import SmsCallbackUrls from "./SmsCallbackUrls";
import TextField from "./TextField";

function problemText(field: ConnectionField, p: ConnectionProblem): string {
  return p === "range" ? t(`sms.conn.problem.range.${field}` as MessageKey) : t(`sms.conn.problem.${p}` as MessageKey);
}

export default function SmsConnectionForm(props: { connection: SmsConnectionOut | null; onSaved: (c: SmsConnectionOut, created: boolean) => void; onCancel: () => void }) {
  const opsId = `ops-${createUniqueId()}`;
  const [draft, setDraft] = createStore<ConnectionDraft>(connectionDraft(props.connection));
  const [errors, setErrors] = createStore<Partial<Record<string, string>>>({});
  const [busy, setBusy] = createSignal(false);
  const [formError, setFormError] = createSignal<string | null>(null);

  const blur = (f: ConnectionField) => {
    const p = connectionFieldProblem(f, draft);
    setErrors(f, p === null ? undefined : problemText(f, p));
  };
  // Getters, so the spread props stay reactive.
  const text = (f: "name" | "baseUrl" | "username" | "password" | "sender" | "priority" | "ratePerSecond") => ({
    get value() {
      return draft[f];
    },
    get error() {
      return errors[f] ?? null;
    },
    onInput: (v: string) => {
      setDraft(f, v);
      if (errors[f]) setErrors(f, undefined);
    },
    name: f,
  });

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const built = connectionBody(draft);
    if (!built.ok) {
      for (const [f, p] of Object.entries(built.problems)) setErrors(f, problemText(f as ConnectionField, p));
      return;
    }
    setBusy(true);
    try {
      const c = props.connection;
      const saved = c === null ? await api.createSmsConnection(built.body) : await api.updateSmsConnection(c.id, { ...built.body, username: built.body.username ?? null });
      props.onSaved(saved, c === null);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field && field in draft) setErrors(field, errorText(err));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form sms-connection-form" onSubmit={(e) => void submit(e)} noValidate data-testid="sms-connection-form">
      <TextField label={t("sms.conn.name")} {...text("name")} onBlur={() => blur("name")} />
      <SelectField label={t("sms.conn.kind")} value={draft.kind} options={CONNECTION_KINDS.map((k) => ({ value: k, label: t(`sms.conn.kind.${k}` as MessageKey) }))} onChange={(v) => setDraft("kind", v as ConnectionDraft["kind"])} name="kind" />
      <TextField label={t("sms.conn.baseUrl")} hint={t("sms.conn.baseUrlHint")} {...text("baseUrl")} onBlur={() => blur("baseUrl")} />
      <div class="form-row">
        <TextField label={t("sms.conn.username")} {...text("username")} autocomplete="off" />
        <TextField label={t("sms.conn.password")} type="password" hint={props.connection?.hasPassword ? t("sms.conn.passwordKeep") : t("sms.conn.passwordNew")} {...text("password")} autocomplete="new-password" />
      </div>
      <TextField label={t("sms.conn.sender")} hint={t("sms.conn.senderHint")} {...text("sender")} onBlur={() => blur("sender")} />
      <fieldset class="plain-fieldset field" aria-describedby={`${opsId}-hint`}>
        <legend class="legend">{t("sms.conn.operators")}</legend>
        <div class="sms-operators">
          <For each={OPERATORS}>
            {(op) => (
              <label>
                <input
                  type="checkbox"
                  checked={draft.operators.includes(op)}
                  onChange={(e) => setDraft("operators", (ops) => (e.currentTarget.checked ? [...ops, op] : ops.filter((o) => o !== op)))}
                />
                {op === "other" ? t("sms.conn.otherOperator") : op.charAt(0).toUpperCase() + op.slice(1)}
              </label>
            )}
          </For>
        </div>
        <p class="hint" id={`${opsId}-hint`}>
          {t("sms.conn.operatorsHint")}
        </p>
      </fieldset>
      <div class="form-row">
        <TextField label={t("sms.conn.priority")} hint={t("sms.conn.priorityHint")} inputMode="numeric" {...text("priority")} onBlur={() => blur("priority")} />
        <TextField label={t("sms.conn.rate")} hint={t("sms.conn.rateHint")} inputMode="numeric" {...text("ratePerSecond")} onBlur={() => blur("ratePerSecond")} />
      </div>
      <CheckboxField label={t("sms.conn.activeLabel")} checked={draft.active} onChange={(v) => setDraft("active", v)} />
      <Show when={props.connection}>{(c) => <SmsCallbackUrls urls={c().callbackUrls} />}</Show>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()} disabled={busy()}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("common.saving") : t("sms.conn.save")}
        </button>
      </div>
    </form>
  );
}
