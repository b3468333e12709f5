/** The "Límites de envío" card of Configuración: loads the account's limits and shows the form (read-only without users.manage). */
import { Show } from "solid-js";
import { t } from "../i18n";
import { api } from "../lib/api";
import { createLoader } from "../lib/load";
import { can } from "../lib/session";
import LoadState from "./LoadState";
import SendLimitsForm from "./SendLimitsForm";

export default function SendLimitsSection() {
  const limits = createLoader(() => api.sendLimits(), can("campaigns.read"));
  return (
    <section class="card section limits-card" id="send-limits" aria-labelledby="settings-limits">
      <h2 id="settings-limits" class="card-title">
        {t("limits.title")}
      </h2>
      <p class="muted small">{t("limits.hint")}</p>
      <LoadState loading={limits.loading()} error={limits.error()} onRetry={() => void limits.reload()} />
      <Show when={limits.data()}>{(l) => <SendLimitsForm limits={l()} canEdit={can("users.manage")} onSaved={(x) => limits.setData(x)} />}</Show>
    </section>
  );
}
