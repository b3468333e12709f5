/**
 * "Enviar una prueba por SMS" on an SMS campaign's page: up to five mobile numbers get the text as
 * it stands, "[Prueba] " before it, with a chosen contact's data (or sample data). Unlike an email
 * test, each one is a real SMS that costs its segments, so the button says how many credits it
 * will use, and each number gets its own line in the result (queued, or why not).
 */
import { For, Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type CampaignOut, type ContactOut, type SmsTestSendOut } from "../lib/api";
import { emailErrorText } from "../lib/email";
import { errorField } from "../lib/errors";
import { formatNumber } from "../lib/format";
import { formatPhone } from "../lib/sms";
import { MAX_TEST_NUMBERS, parseTestNumbers, smsTestEstimate } from "../lib/sms-campaign";
import { contactName, countText } from "../lib/sms-words";
import TextField from "./TextField";
import ContactPicker from "./ContactPicker";
import "../styles/sms.css";

type Result = SmsTestSendOut["results"][number];

export default function SmsTestSendForm(props: { campaign: CampaignOut }) {
  const [to, setTo] = createSignal("");
  const [contact, setContact] = createSignal<ContactOut | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<SmsTestSendOut | null>(null);
  const parsed = () => parseTestNumbers(to());
  const credits = () => smsTestEstimate(props.campaign.text ?? "", Math.max(1, Math.min(MAX_TEST_NUMBERS, parsed().numbers.length)));

  const submit = async (e: Event) => {
    e.preventDefault();
    const { numbers, bad } = parsed();
    const problem = numbers.length === 0 ? t("smsCamp.test.errorEmpty") : numbers.length > MAX_TEST_NUMBERS ? t("smsCamp.test.errorTooMany") : bad ? t("smsCamp.test.errorInvalid", { number: bad }) : null;
    setError(problem);
    setResult(null);
    if (problem) return;
    setBusy(true);
    try {
      setResult(await api.testSmsCampaign(props.campaign.id, numbers, contact()?.id));
    } catch (err) {
      const field = errorField(err);
      const i = field?.startsWith("numbers.") ? Number(field.slice(8)) : NaN;
      setError(Number.isInteger(i) && numbers[i] ? t("smsCamp.test.errorInvalid", { number: numbers[i]! }) : emailErrorText(err));
    } finally {
      setBusy(false);
    }
  };

  const line = (r: Result) => {
    const to = formatPhone(r.to);
    if (r.status === "queued") return t("smsCamp.test.queued", { to, segments: countText("segments", r.segments) });
    if (r.code === "opted_out") return t("smsCamp.test.optedOut", { to });
    if (r.code === "insufficient_credit") return t("smsCamp.test.noCredit", { to });
    return t("smsCamp.test.refused", { to, message: r.message });
  };

  return (
    <form class="card test-send sms-test-send" onSubmit={(e) => void submit(e)} aria-labelledby="sms-test-title" noValidate data-testid="sms-test-send">
      <h3 id="sms-test-title" class="card-title">
        {t("smsCamp.test.title")}
      </h3>
      <p class="muted small">{t("smsCamp.test.hint")}</p>
      <ContactPicker
        channel="sms"
        chosen={contact()}
        onChoose={setContact}
        label={t("smsCamp.test.contact")}
        hint={t("smsCamp.test.contactHint")}
        chosenText={(c) => t("smsCamp.test.withContact", { name: contactName(c) })}
        warnOptedOut={false}
      />
      <TextField label={t("smsCamp.test.to")} hint={t("smsCamp.test.toHint")} value={to()} onInput={(v) => (setTo(v), setError(null))} error={error()} inputMode="text" name="sms-test-to" autocomplete="off" />
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary" disabled={busy()}>
          {busy() ? t("smsCamp.test.sending") : t("smsCamp.test.send", { credits: countText("credits", credits()) })}
        </button>
      </div>
      <Show when={result()}>
        {(r) => (
          <div role="status" data-testid="sms-test-result">
            <ul class="plain-list">
              <For each={r().results}>{(item) => <li classList={{ "text-error": item.status !== "queued" }}>{line(item)}</li>}</For>
            </ul>
            <p class="muted small">{t("testSend.remaining", { count: formatNumber(r().remainingThisHour) })}</p>
          </div>
        )}
      </Show>
    </form>
  );
}
