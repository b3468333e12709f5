/**
 * "Conectar cuenta" (W6): the network, a name, the target (a Page id, an organisation URN or a
 * user id: its label and hint follow the network, and it is checked here with the API's own rule),
 * the access token and auto-publish. The server's refusals land next to their field.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, ApiError, type SocialAccountOut, type SocialNetwork } from "../lib/api";
import { errorText } from "../lib/errors";
import { SOCIAL_NETWORKS, targetProblem } from "../../../shared/social/networks";
import CheckboxField from "./CheckboxField";
import SelectField from "./SelectField";
import TextField from "./TextField";

type Field = "network" | "name" | "target" | "token";

export default function SocialAccountForm(props: { onCreated: (a: SocialAccountOut) => void; onCancel: () => void }) {
  const [network, setNetwork] = createSignal<SocialNetwork>("facebook");
  const [name, setName] = createSignal("");
  const [target, setTarget] = createSignal("");
  const [token, setToken] = createSignal("");
  const [auto, setAuto] = createSignal(true);
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const clear = (f: Field) => setErrors((x) => ({ ...x, [f]: undefined }));
  const badTarget = () => target().trim() !== "" && targetProblem(network(), target().trim()) !== null;

  async function submit(e: Event) {
    e.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!name().trim()) found.name = t("soc.form.required");
    if (!target().trim()) found.target = t("soc.form.required");
    else if (badTarget()) found.target = t("soc.form.badTarget");
    if (!token().trim()) found.token = t("soc.form.required");
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      props.onCreated(await api.createSocialAccount({ network: network(), name: name().trim(), target: target().trim(), token: token().trim(), autoPublish: auto() }));
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field === "network" || field === "name" || field === "target" || field === "token") setErrors({ [field]: errorText(err) });
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate data-testid="social-form">
      <SelectField
        label={t("soc.form.network")}
        value={network()}
        options={SOCIAL_NETWORKS.map((n) => ({ value: n, label: t(`soc.net.${n}`) }))}
        onChange={(v) => (setNetwork(v as SocialNetwork), clear("target"))}
        name="network"
        error={errors().network}
      />
      <TextField label={t("soc.form.name")} hint={t("soc.form.nameHint")} value={name()} onInput={(v) => (setName(v), clear("name"))} error={errors().name} name="name" autocomplete="off" autofocus />
      <TextField
        label={t(`soc.form.target.${network()}`)}
        hint={t(`soc.form.targetHint.${network()}`)}
        value={target()}
        onInput={(v) => (setTarget(v), clear("target"))}
        onBlur={() => badTarget() && setErrors((x) => ({ ...x, target: t("soc.form.badTarget") }))}
        error={errors().target}
        name="target"
        autocomplete="off"
      />
      <TextField label={t("soc.form.token")} hint={t("soc.form.tokenHint")} type="password" value={token()} onInput={(v) => (setToken(v), clear("token"))} error={errors().token} name="token" autocomplete="off" />
      <CheckboxField label={t("soc.form.auto")} checked={auto()} onChange={setAuto} />
      <Show when={formError()}>
        <p class="field-error" role="alert">
          {formError()}
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
          {t("soc.form.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          {busy() ? t("soc.form.saving") : t("soc.form.save")}
        </button>
      </div>
    </form>
  );
}
