/**
 * "Segmentos por mensaje": what happens when a message needs more than one segment (refused,
 * allowed once the sender confirms, or allowed), saved with PUT /api/v1/sms/settings. Read-only
 * (the current rule in words) for roles that cannot manage the account.
 */
import { Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type SegmentPolicy, type SmsSettingsOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { formatNumber } from "../lib/format";
import { SEGMENT_POLICIES } from "../lib/sms";
import RadioGroup from "./RadioGroup";

export default function SmsPolicyForm(props: { settings: SmsSettingsOut; canEdit: boolean; onSaved: (s: SmsSettingsOut) => void }) {
  const [policy, setPolicy] = createSignal<SegmentPolicy>(props.settings.segmentPolicy);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string } | null>(null);
  const max = () => formatNumber(props.settings.maxSegments);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      props.onSaved(await api.updateSmsSettings(policy()));
      setResult({ ok: true, text: t("sms.policy.saved") });
    } catch (err) {
      setResult({ ok: false, text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show when={props.canEdit} fallback={<p data-testid="sms-policy-current">{t(`sms.policy.current.${props.settings.segmentPolicy}` as MessageKey, { max: max() })}</p>}>
      <form class="form" onSubmit={(e) => void save(e)} data-testid="sms-policy-form">
        <RadioGroup
          legend={t("sms.policy.legend")}
          value={policy()}
          options={SEGMENT_POLICIES.map((p) => ({ value: p, label: t(`sms.policy.option.${p}` as MessageKey, { max: max() }) }))}
          onChange={(v) => setPolicy(v as SegmentPolicy)}
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-secondary" disabled={busy()}>
            {busy() ? t("common.saving") : t("sms.policy.save")}
          </button>
        </div>
        <Show when={result()}>
          {(r) => (
            <p class={r().ok ? "form-ok" : "field-error"} role={r().ok ? "status" : "alert"}>
              {r().text}
            </p>
          )}
        </Show>
      </form>
    </Show>
  );
}
