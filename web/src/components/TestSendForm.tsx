/**
 * "Enviar una prueba": a few addresses get the campaign as it stands, with the contact chosen in
 * the preview (or sample data). Each address gets its own line in the result.
 */
import { For, Show, createSignal } from "solid-js";
import { t } from "../i18n";
import type { ContactOut, TestSendOut } from "../lib/api";
import { emailErrorText } from "../lib/email";
import { formatNumber } from "../lib/format";
import TextField from "./TextField";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default function TestSendForm(props: { contact: ContactOut | null; send: (to: string[], contactId?: number) => Promise<TestSendOut> }) {
  const [to, setTo] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<TestSendOut | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const addresses = to()
      .split(/[,;\s]+/)
      .map((a) => a.trim())
      .filter(Boolean);
    const bad = addresses.find((a) => !EMAIL.test(a));
    const problem = addresses.length === 0 ? t("testSend.errorEmpty") : addresses.length > 5 ? t("testSend.errorTooMany") : bad ? t("testSend.errorInvalid", { email: bad }) : null;
    setError(problem);
    setResult(null);
    if (problem) return;
    setBusy(true);
    try {
      setResult(await props.send(addresses, props.contact?.id));
    } catch (err) {
      setError(emailErrorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card test-send" onSubmit={(e) => void submit(e)} aria-labelledby="test-send-title" noValidate>
      <h3 id="test-send-title" class="card-title">
        {t("testSend.title")}
      </h3>
      <p class="muted small">{t("testSend.hint")}</p>
      <TextField label={t("testSend.to")} hint={t("testSend.toHint")} value={to()} onInput={setTo} error={error()} inputMode="email" name="test-to" />
      <p class="muted small">{props.contact?.email ? t("testSend.withContact", { email: props.contact.email }) : t("testSend.withSample")}</p>
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary" disabled={busy()}>
          {busy() ? t("testSend.sending") : t("testSend.send")}
        </button>
      </div>
      <Show when={result()}>
        {(r) => (
          <div role="status" data-testid="test-send-result">
            <ul class="plain-list">
              <For each={r().results}>
                {(item) => <li classList={{ "text-error": item.status !== "sent" }}>{t(`testSend.result.${item.status}`, { to: item.to, message: item.message })}</li>}
              </For>
            </ul>
            <p class="muted small">{t("testSend.remaining", { count: formatNumber(r().remainingThisHour) })}</p>
          </div>
        )}
      </Show>
    </form>
  );
}
