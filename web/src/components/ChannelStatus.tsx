/**
 * Status per channel (email, SMS) with the address it applies to. Roles that edit contacts get
 * "Desuscribir" / "Volver a suscribir" where the status allows it; a bounce or complaint is
 * shown but not overridden here.
 */
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { ContactDetail } from "../lib/api";
import StatusBadge from "./StatusBadge";

export type ChannelName = "email" | "sms";

export default function ChannelStatus(props: { contact: ContactDetail; canEdit: boolean; onChange: (channel: ChannelName, next: "subscribed" | "unsubscribed") => void }) {
  const rows = () => [
    { channel: "email" as const, label: t("contact.channelEmail"), address: props.contact.email, none: t("contact.noEmail"), status: props.contact.emailStatus },
    { channel: "sms" as const, label: t("contact.channelSms"), address: props.contact.phone, none: t("contact.noPhone"), status: props.contact.smsStatus },
  ];
  return (
    <ul class="channel-list">
      <For each={rows()}>
        {(r) => (
          <li data-testid={`channel-${r.channel}`}>
            <div>
              <p class="channel-name">{r.label}</p>
              <p class="muted small channel-address">{r.address ?? r.none}</p>
            </div>
            <Show when={r.address} fallback={<span class="muted">{t("common.none")}</span>}>
              <div class="channel-state">
                <StatusBadge status={r.status} />
                <Show when={props.canEdit && (r.status === "subscribed" || r.status === "unsubscribed")}>
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    aria-label={t(r.status === "subscribed" ? "contact.unsubscribeLabel" : "contact.resubscribeLabel", { channel: r.label })}
                    onClick={() => props.onChange(r.channel, r.status === "subscribed" ? "unsubscribed" : "subscribed")}
                  >
                    {r.status === "subscribed" ? t("contact.unsubscribe") : t("contact.resubscribe")}
                  </button>
                </Show>
              </div>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
