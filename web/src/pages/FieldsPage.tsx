/**
 * Campos personalizados: the account's custom contact fields (key, label, type) — what imports
 * map columns to, what templates merge as {{clave}}, and what a date trigger of an automation
 * reads (it needs a field of type "Fecha"). Roles that edit contacts add fields and change a
 * field's type; everyone who reads contacts sees the list.
 */
import { For, Show, createSignal, createUniqueId } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type FieldOut } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import { errorField, errorText } from "../lib/errors";
import { formatDate } from "../lib/format";
import { fieldKeyFrom } from "../lib/field-key";
import PageHeader from "../components/PageHeader";
import AudienceTabs from "../components/AudienceTabs";
import LoadState from "../components/LoadState";
import EmptyState from "../components/EmptyState";
import Notice from "../components/Notice";
import NoAccess from "../components/NoAccess";
import TextField from "../components/TextField";

const TYPES: FieldOut["type"][] = ["text", "number", "date", "boolean"];
const typeLabel = (type: string) => t(`fields.type.${type}` as MessageKey);

export default function FieldsPage() {
  const id = `fields-${createUniqueId()}`;
  const fields = createLoader(() => api.fields(), can("contacts.read"));
  const [label, setLabel] = createSignal("");
  const [key, setKey] = createSignal("");
  const [keyEdited, setKeyEdited] = createSignal(false);
  const [type, setType] = createSignal<FieldOut["type"]>("date");
  const [errors, setErrors] = createSignal<{ label?: string; key?: string; type?: string }>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function add(e: Event) {
    e.preventDefault();
    setFormError(null);
    const missing = { label: label().trim() ? undefined : t("fields.labelRequired"), key: key() ? undefined : t("fields.keyRequired") };
    setErrors(missing);
    if (missing.label || missing.key) return;
    setBusy(true);
    try {
      const f = await api.createField({ key: key(), label: label().trim(), type: type() });
      fields.setData({ fields: [...(fields.data()?.fields ?? []), f] });
      setNotice(t("fields.created", { label: f.label, key: f.key }));
      setLabel("");
      setKey("");
      setKeyEdited(false);
    } catch (err) {
      const field = errorField(err);
      // A key in use answers 409: say so in words next to the key, not the generic conflict text.
      if ((err as { status?: number }).status === 409) setErrors((x) => ({ ...x, key: t("fields.keyTaken", { key: key() }) }));
      else if (field === "key" || field === "label" || field === "type") setErrors((x) => ({ ...x, [field]: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function retype(f: FieldOut, next: FieldOut["type"]) {
    try {
      const updated = await api.updateField(f.key, { type: next });
      fields.setData({ fields: (fields.data()?.fields ?? []).map((x) => (x.key === f.key ? updated : x)) });
      setNotice(t("fields.retyped", { label: f.label, type: typeLabel(next) }));
    } catch (err) {
      setNotice(null);
      setFormError(errorText(err));
    }
  }

  return (
    <Show when={can("contacts.read")} fallback={<NoAccess />}>
      <PageHeader title={t("fields.title")} subtitle={t("fields.subtitle")} />
      <AudienceTabs />
      <Notice tone="success" text={notice()} onDismiss={() => setNotice(null)} />
      <Show when={can("contacts.edit")}>
        <section class="section" aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`} class="section-title">
            {t("fields.new")}
          </h2>
          <form class="card form" onSubmit={add} novalidate>
            <TextField
              label={t("fields.label")}
              name="label"
              value={label()}
              onInput={(x) => {
                setLabel(x);
                if (!keyEdited()) setKey(fieldKeyFrom(x));
                setErrors({});
              }}
              error={errors().label}
              hint={t("fields.labelHint")}
              autocomplete="off"
              required
            />
            <TextField label={t("fields.key")} name="key" value={key()} onInput={(x) => (setKey(x), setKeyEdited(true), setErrors({}))} error={errors().key} hint={t("fields.keyHint", { key: key() || "clave" })} autocomplete="off" required />
            <div class="field">
              <label for={`${id}-type`}>{t("fields.type")}</label>
              <select id={`${id}-type`} aria-describedby={`${id}-type-hint`} value={type()} onChange={(e) => setType(e.currentTarget.value as FieldOut["type"])}>
                <For each={TYPES}>{(x) => <option value={x}>{typeLabel(x)}</option>}</For>
              </select>
              <p class="hint" id={`${id}-type-hint`}>
                {t("fields.typeHint")}
              </p>
            </div>
            <Show when={formError()}>
              <p class="field-error" role="alert">
                {formError()}
              </p>
            </Show>
            <div>
              <button type="submit" class="btn btn-primary" disabled={busy()}>
                {t("fields.add")}
              </button>
            </div>
          </form>
        </section>
      </Show>
      <section class="section" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} class="section-title">
          {t("fields.list")}
        </h2>
        <LoadState loading={fields.loading()} error={fields.error()} onRetry={() => void fields.reload()} />
        <Show when={fields.data()}>
          <Show when={(fields.data()?.fields.length ?? 0) > 0} fallback={<EmptyState body={t("fields.empty")} />}>
            <div class="table-wrap">
              <table class="data" aria-label={t("fields.caption")}>
                <thead>
                  <tr>
                    <th scope="col">{t("fields.label")}</th>
                    <th scope="col">{t("fields.mergeTag")}</th>
                    <th scope="col">{t("fields.type")}</th>
                    <th scope="col">{t("fields.createdAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={fields.data()!.fields}>
                    {(f) => (
                      <tr data-field={f.key}>
                        <td>{f.label}</td>
                        <td>
                          <code>{`{{${f.key}}}`}</code>
                        </td>
                        <td>
                          <Show when={can("contacts.edit")} fallback={typeLabel(f.type)}>
                            <select aria-label={t("fields.typeOf", { label: f.label })} value={f.type} onChange={(e) => void retype(f, e.currentTarget.value as FieldOut["type"])}>
                              <For each={TYPES}>{(x) => <option value={x}>{typeLabel(x)}</option>}</For>
                            </select>
                          </Show>
                        </td>
                        <td>{formatDate(f.createdAt)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
      </section>
    </Show>
  );
}
