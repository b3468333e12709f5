/**
 * "Límites de envío": an hourly limit per mailbox provider (empty: none) and an optional warm-up
 * (start date and emails per day), each explained in a sentence, with what this hour and today
 * have used; the relay's own rate is shown, not editable (the operator sets it). Validated on
 * blur and on submit; the server's error appears next to its field. Read-only without users.manage.
 */
import { For, Show, createSignal, createUniqueId } from "solid-js";
import { t } from "../i18n";
import { api, type SendLimitsOut } from "../lib/api";
import { errorField } from "../lib/errors";
import { emailErrorText } from "../lib/email";
import { formatNumber, parseWholeNumber } from "../lib/format";
import { PROVIDER_KEYS, parseCaps, type ProviderKey } from "../lib/sending";
import CheckboxField from "./CheckboxField";
import TextField from "./TextField";

type Field = ProviderKey | "startDate" | "caps";
type Values = Record<ProviderKey | "startDate" | "caps", string> & { warmup: boolean };

function initial(l: SendLimitsOut): Values {
  const n = (x: number | null) => (x === null ? "" : String(x));
  const p = l.perProviderPerHour;
  return { gmail: n(p.gmail), outlook: n(p.outlook), yahoo: n(p.yahoo), other: n(p.other), warmup: !!l.warmup, startDate: l.warmup?.startDate ?? "", caps: l.warmup?.dailyCaps.join(", ") ?? "" };
}

/** The form field a server error names: "perProviderPerHour.gmail" → gmail, "warmup.dailyCaps.2" → caps. */
function fieldOf(server: string | undefined): Field | undefined {
  if (!server) return undefined;
  const [head, key] = server.split(".");
  if (head === "perProviderPerHour" && (PROVIDER_KEYS as readonly string[]).includes(key ?? "")) return key as ProviderKey;
  if (head === "warmup") return key === "startDate" ? "startDate" : "caps";
  return undefined;
}

export default function SendLimitsForm(props: { limits: SendLimitsOut; canEdit: boolean; onSaved: (l: SendLimitsOut) => void }) {
  const uid = createUniqueId();
  const [values, setValues] = createSignal<Values>(initial(props.limits));
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const set = (f: Field, x: string) => (setValues((s) => ({ ...s, [f]: x })), setErrors((e) => ({ ...e, [f]: undefined })), setSaved(null));

  const check = (f: Field): string | undefined => {
    const x = values()[f].trim();
    if (f === "startDate") return values().warmup && !/^\d{4}-\d{2}-\d{2}$/.test(x) ? t("limits.badDate") : undefined;
    if (f === "caps") {
      if (!values().warmup) return undefined;
      const r = parseCaps(x);
      return "error" in r ? t(r.error, { day: r.day ?? "" }) : undefined;
    }
    if (!x) return undefined;
    const n = parseWholeNumber(x);
    return n === null || n < 1 ? t("limits.badNumber") : undefined;
  };
  const blur = (f: Field) => () => setErrors((e) => ({ ...e, [f]: check(f) }));

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const fields: Field[] = [...PROVIDER_KEYS, "startDate", "caps"];
    const next = Object.fromEntries(fields.map((f) => [f, check(f)]).filter(([, m]) => m)) as Partial<Record<Field, string>>;
    setErrors(next);
    if (Object.keys(next).length) return;
    const x = values();
    const perHour = (p: ProviderKey) => (x[p].trim() ? parseWholeNumber(x[p]) : null);
    const caps = parseCaps(x.caps);
    setBusy(true);
    try {
      const l = await api.updateSendLimits({
        perProviderPerHour: { gmail: perHour("gmail"), outlook: perHour("outlook"), yahoo: perHour("yahoo"), other: perHour("other") },
        warmup: x.warmup && "caps" in caps ? { startDate: x.startDate, dailyCaps: caps.caps } : null,
      });
      props.onSaved(l);
      setValues(initial(l));
      setSaved(t("limits.saved"));
    } catch (err) {
      const f = fieldOf(errorField(err));
      if (f) setErrors((e) => ({ ...e, [f]: emailErrorText(err) }));
      else setFormError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  const usedHint = (p: ProviderKey) => {
    const used = props.limits.usage.thisHour[p];
    const domains = t(`limits.domains.${p}`);
    return props.limits.perProviderPerHour[p] === null ? domains : `${domains} · ${t("limits.usedThisHour", { used: formatNumber(used ?? 0) })}`;
  };
  const today = () => {
    const u = props.limits.usage;
    if (!props.limits.warmup || u.todayCap === null) return null;
    const vars = { day: u.warmupDay ?? 0, cap: formatNumber(u.todayCap), used: formatNumber(u.today) };
    return u.warmupDay ? t("limits.today", vars) : t("limits.notStarted", vars);
  };

  return (
    <form class="form" onSubmit={submit} novalidate data-testid="send-limits-form">
      <fieldset class="plain-fieldset" disabled={!props.canEdit}>
        <fieldset class="limits-group">
          <legend>{t("limits.perHour")}</legend>
          <p class="hint">{t("limits.perHourHint")}</p>
          <div class="limits-providers">
            <For each={PROVIDER_KEYS}>
              {(p) => (
                <TextField label={t(`limits.provider.${p}`)} name={`limit-${p}`} value={values()[p]} onInput={(x) => set(p, x)} onBlur={blur(p)} error={errors()[p]} hint={usedHint(p)} inputMode="numeric" autocomplete="off" />
              )}
            </For>
          </div>
          <p class="muted small">{props.limits.relayPerMinute === null ? t("limits.relayNone") : t("limits.relay", { rate: formatNumber(props.limits.relayPerMinute) })}</p>
        </fieldset>
        <fieldset class="limits-group">
          <legend>{t("limits.warmup")}</legend>
          <CheckboxField label={t("limits.warmupUse")} checked={values().warmup} onChange={(on) => (setValues((s) => ({ ...s, warmup: on })), setErrors({}), setSaved(null))} hint={t("limits.warmupHint")} />
          <Show when={values().warmup}>
            <div class="form-row">
              <div class="field" classList={{ "has-error": !!errors().startDate }}>
                <label for={`${uid}-start`}>{t("limits.startDate")}</label>
                <input id={`${uid}-start`} type="date" value={values().startDate} onInput={(e) => set("startDate", e.currentTarget.value)} onBlur={blur("startDate")} aria-describedby={`${uid}-start-hint`} aria-invalid={errors().startDate ? "true" : undefined} />
                <p class="hint" id={`${uid}-start-hint`}>
                  {t("limits.startDateHint")}
                </p>
                <Show when={errors().startDate}>
                  <p class="field-error">{errors().startDate}</p>
                </Show>
              </div>
              <TextField label={t("limits.dailyCaps")} name="dailyCaps" value={values().caps} onInput={(x) => set("caps", x)} onBlur={blur("caps")} error={errors().caps} hint={t("limits.dailyCapsHint")} autocomplete="off" />
            </div>
            <Show when={today()}>
              <p class="muted small">{today()}</p>
            </Show>
          </Show>
        </fieldset>
      </fieldset>
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <Show when={props.canEdit} fallback={<p class="muted small">{t("limits.readOnly")}</p>}>
        <div class="form-actions">
          <button type="submit" class="btn btn-secondary" disabled={busy()}>
            {busy() ? t("limits.saving") : t("limits.save")}
          </button>
          <Show when={saved()}>
            <p class="form-ok small" role="status">
              {saved()}
            </p>
          </Show>
        </div>
      </Show>
    </form>
  );
}
