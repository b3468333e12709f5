/**
 * Editing a sub-user: name, role, access on/off and an optional new password. Turning access
 * off asks for confirmation with a summary before anything is saved.
 */
import { Show, createSignal } from "solid-js";
import { t } from "../i18n";
import { api, type UpdateUserBody, type UserOut } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import { SUB_USER_ROLES, canManageRole, type Role } from "../../../shared/auth/roles";
import TextField from "./TextField";
import SelectField from "./SelectField";
import CheckboxField from "./CheckboxField";
import ConfirmStep from "./ConfirmStep";

type SubRole = (typeof SUB_USER_ROLES)[number];

export default function UserEditForm(props: { user: UserOut; actorRole: Role; onSaved: (u: UserOut) => void; onCancel: () => void }) {
  const roles = () => SUB_USER_ROLES.filter((r) => canManageRole(props.actorRole, r));
  const [name, setName] = createSignal(props.user.name);
  const [role, setRole] = createSignal<string>(props.user.role);
  const [disabled, setDisabled] = createSignal(props.user.disabled);
  const [password, setPassword] = createSignal("");
  const [errors, setErrors] = createSignal<{ name?: string; password?: string }>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const checkName = () => {
    const key = v.required(name());
    setErrors((e) => ({ ...e, name: key ? t(key) : undefined }));
    return !key;
  };
  const checkPassword = () => {
    const key = v.optionalPassword(password());
    setErrors((e) => ({ ...e, password: key ? t(key) : undefined }));
    return !key;
  };

  function patch(): UpdateUserBody {
    const body: UpdateUserBody = {};
    if (name().trim() !== props.user.name) body.name = name().trim();
    if (role() !== props.user.role) body.role = role() as SubRole;
    if (disabled() !== props.user.disabled) body.disabled = disabled();
    if (password()) body.password = password();
    return body;
  }

  async function save() {
    const body = patch();
    if (Object.keys(body).length === 0) return props.onCancel();
    setBusy(true);
    setFormError(null);
    try {
      props.onSaved(await api.updateUser(props.user.id, body));
    } catch (err) {
      setConfirming(false);
      const field = errorField(err);
      if (field === "name" || field === "password") setErrors((x) => ({ ...x, [field]: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: Event) {
    e.preventDefault();
    if (![checkName(), checkPassword()].every(Boolean)) return;
    if (disabled() && !props.user.disabled) setConfirming(true);
    else void save();
  }

  return (
    <Show
      when={!confirming()}
      fallback={
        <ConfirmStep
          lines={[t("users.confirmDisable.summary", { name: props.user.name, email: props.user.email })]}
          confirmLabel={t("users.confirmDisable.action")}
          busyLabel={t("common.saving")}
          busy={busy()}
          danger
          error={formError()}
          onBack={() => setConfirming(false)}
          onConfirm={() => void save()}
        />
      }
    >
      <form class="form" onSubmit={submit} novalidate>
        <TextField label={t("users.form.name")} name="name" value={name()} onInput={setName} onBlur={checkName} error={errors().name} autocomplete="off" required />
        <SelectField label={t("users.form.role")} name="role" value={role()} onChange={setRole} options={roles().map((r) => ({ value: r, label: t(`role.${r}`) }))} hint={t("users.form.roleHint")} />
        <CheckboxField label={t("users.form.disabled")} checked={disabled()} onChange={setDisabled} hint={t("users.form.disabledHint")} />
        <TextField
          label={t("users.form.newPassword")}
          name="password"
          type="password"
          value={password()}
          onInput={setPassword}
          onBlur={checkPassword}
          error={errors().password}
          hint={t("users.form.newPasswordHint")}
          autocomplete="new-password"
        />
        <Show when={formError()}>
          <p class="field-error" role="alert">
            {formError()}
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" onClick={() => props.onCancel()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy()}>
            {busy() ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </Show>
  );
}
