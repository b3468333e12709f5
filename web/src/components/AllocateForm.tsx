/**
 * "Asignar créditos": channel and amount (positive gives from the main pool, negative returns to
 * it), then a confirmation step that says exactly what will happen and what the main balance
 * will be afterwards. Checks the balances before asking the server, which checks them again.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type Channel, type CreditsOut, type UserOut } from "../lib/api";
import { errorText } from "../lib/errors";
import { formatNumber, parseWholeNumber } from "../lib/format";
import TextField from "./TextField";
import SelectField from "./SelectField";
import ConfirmStep from "./ConfirmStep";

export default function AllocateForm(props: { user: UserOut; credits: CreditsOut; onDone: (c: CreditsOut, channel: Channel) => void; onCancel: () => void }) {
  const [channel, setChannel] = createSignal<Channel>("email");
  const [amountText, setAmountText] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [serverError, setServerError] = createSignal<string | null>(null);

  const mainAvailable = () => props.credits.main?.[channel()].available ?? 0;
  const userAvailable = () => props.credits.allocations?.find((a) => a.holder === props.user.id)?.[channel()].available ?? 0;
  const amount = () => parseWholeNumber(amountText());
  const channelName = () => t(`channel.${channel()}`);

  function validate(): boolean {
    const n = amount();
    let message: string | null = null;
    if (n === null || n === 0) message = t("validation.amount");
    else if (n > 0 && n > mainAvailable()) message = t("error.insufficient_credit");
    else if (n < 0 && -n > userAvailable()) message = t("error.insufficient_credit");
    setError(message);
    return message === null;
  }

  function summary(): string[] {
    const n = amount() ?? 0;
    const vars = { amount: formatNumber(Math.abs(n)), channel: channelName(), name: props.user.name, main: formatNumber(mainAvailable() - n) };
    return [
      n > 0 ? t("alloc.summaryGive", vars) : t("alloc.summaryReturn", vars),
      t("alloc.summaryAfter", { name: props.user.name, balance: formatNumber(userAvailable() + n), channel: channelName() }),
    ];
  }

  async function confirm() {
    setBusy(true);
    setServerError(null);
    try {
      const result = await api.allocate({ userId: props.user.id, channel: channel(), amount: amount()! });
      props.onDone(result, channel());
    } catch (err) {
      setServerError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Show
      when={!confirming()}
      fallback={
        <ConfirmStep
          lines={summary()}
          confirmLabel={(amount() ?? 0) > 0 ? t("alloc.confirm") : t("alloc.confirmReturn")}
          busyLabel={t("alloc.working")}
          busy={busy()}
          error={serverError()}
          onBack={() => setConfirming(false)}
          onConfirm={() => void confirm()}
        />
      }
    >
      <form
        class="form"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          if (validate()) setConfirming(true);
        }}
      >
        <p class="form-context" data-testid="alloc-current">
          {t("alloc.current", { name: props.user.name, balance: formatNumber(userAvailable()), channel: channelName(), main: formatNumber(mainAvailable()) })}
        </p>
        <SelectField
          label={t("alloc.channel")}
          name="channel"
          value={channel()}
          onChange={(value) => {
            setChannel(value as Channel);
            if (error()) validate();
          }}
          options={[
            { value: "email", label: t("channel.emailTitle") },
            { value: "sms", label: t("channel.smsTitle") },
          ]}
        />
        <TextField
          label={t("alloc.amount")}
          name="amount"
          value={amountText()}
          onInput={setAmountText}
          onBlur={() => amountText() && validate()}
          error={error()}
          hint={t("alloc.amountHint")}
          inputMode="text"
          autocomplete="off"
          required
          autofocus
        />
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="btn btn-primary">
            {t("alloc.review")}
          </button>
        </div>
      </form>
    </Show>
  );
}
