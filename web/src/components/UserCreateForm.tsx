/**
 * "Nuevo subusuario": name, email, role (only the roles the caller may give) and an optional
 * initial password: left empty, the welcome mail carries a link to choose one (W5). Validates on
 * blur and on submit; the server's complaint lands next to its field.
 */
import { Show, createSignal } from "solid-js";
import { t, type MessageKey } from "../i18n";
import { api, type CreatedUserOut } from "../lib/api";
import { errorField, errorText } from "../lib/errors";
import * as v from "../lib/validate";
import { SUB_USER_ROLES, canManageRole, type Role } from "../../../shared/auth/roles";
import TextField from "./TextField";
import SelectField from "./SelectField";

type Field = "name" | "email" | "password";

export default function UserCreateForm(props: { actorRole: Role; onCreated: (u: CreatedUserOut) => void; onCancel: () => void }) {
  const roles = () => SUB_USER_ROLES.filter((r) => canManageRole(props.actorRole, r));
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<string>("viewer");
  const [password, setPassword] = createSignal("");
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const rules: Record<Field, () => MessageKey | null> = {
    name: () => v.required(name()),
    email: () => v.email(email()),
    password: () => v.optionalPassword(password()),
  };
  const check = (f: Field) => {
    const key = rules[f]();
    setErrors((e) => ({ ...e, [f]: key ? t(key) : undefined }));
    return !key;
  };

  async function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const ok = (["name", "email", "password"] as Field[]).map(check).every(Boolean);
    if (!ok) return;
    setBusy(true);
    try {
      const user = await api.createUser({ name: name().trim(), email: email().trim(), role: role() as (typeof SUB_USER_ROLES)[number], ...(password() ? { password: password() } : {}) });
      props.onCreated(user);
    } catch (err) {
      const field = errorField(err);
      if (field === "name" || field === "email" || field === "password") setErrors((x) => ({ ...x, [field]: errorText(err) }));
      else setFormError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} novalidate>
      <TextField label={t("users.form.name")} name="name" value={name()} onInput={setName} onBlur={() => check("name")} error={errors().name} autocomplete="off" required autofocus />
      <TextField label={t("users.form.email")} name="email" type="email" value={email()} onInput={setEmail} onBlur={() => check("email")} error={errors().email} autocomplete="off" inputMode="email" required />
      <SelectField
        label={t("users.form.role")}
        name="role"
        value={role()}
        onChange={setRole}
        options={roles().map((r) => ({ value: r, label: t(`role.${r}`) }))}
        hint={t("users.form.roleHint")}
      />
      <TextField
        label={t("users.form.passwordOptional")}
        name="password"
        type="password"
        value={password()}
        onInput={setPassword}
        onBlur={() => check("password")}
        error={errors().password}
        hint={t("users.form.passwordOptionalHint")}
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
          {busy() ? t("users.form.creating") : t("users.form.create")}
        </button>
      </div>
    </form>
  );
}
