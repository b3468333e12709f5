/**
 * Why a message travels as UCS-2 (70 characters a segment instead of 160): every character to
 * blame, named ("á (2 veces), 𝐁𝐢𝐞𝐧 (negrita)"), and "Usar versión sin tildes (GSM)", which first
 * shows the GSM-7 version (shared/sms/gsm-safe.ts) with its changes and segment count, and only
 * replaces the text when the person presses "Aplicar versión GSM". Never silently.
 */
import { Show, createMemo, createSignal } from "solid-js";
import { t } from "../i18n";
import { toGsmSafe } from "../../../shared/sms/gsm-safe";
import { composerStats, forcingItems, type ComposerStats } from "../lib/sms";
import { countText, forcingText } from "../lib/sms-words";

export default function SmsUcs2Notice(props: { text: string; stats: ComposerStats; linkBase: string | null; onApply: (text: string) => void }) {
  const [previewing, setPreviewing] = createSignal(false);
  const safe = createMemo(() => (previewing() ? toGsmSafe(props.text) : null));
  const safeSegments = () => {
    const s = safe();
    return s === null ? 0 : composerStats(s.text, { linkBase: props.linkBase }).segments;
  };
  const changes = () =>
    (safe()?.replacements ?? []).map((r) => `${r.from} → ${r.to === "" ? t("sms.gsm.removed") : r.to}${r.count > 1 ? ` (${r.count})` : ""}`).join(", ");

  return (
    <Show when={props.stats.encoding === "UCS-2" && props.stats.forcing.length > 0}>
      <div class="sms-ucs2" data-testid="sms-ucs2">
        <p class="small">
          {t("sms.ucs2.title")} <span class="sms-forcing" data-testid="sms-forcing">{forcingText(forcingItems(props.stats.forcing))}</span>
        </p>
        <Show
          when={safe()}
          fallback={
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setPreviewing(true)}>
              {t("sms.gsm.offer")}
            </button>
          }
        >
          {(s) => (
            <div class="sms-gsm-preview" data-testid="sms-gsm-preview">
              <p class="small">{t("sms.gsm.previewTitle", { segments: countText("segments", safeSegments()) })}</p>
              <p class="sms-bubble">{s().text}</p>
              <Show when={changes()}>
                <p class="hint">{t("sms.gsm.changes", { changes: changes() })}</p>
              </Show>
              <div class="form-actions">
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  onClick={() => {
                    props.onApply(s().text);
                    setPreviewing(false);
                  }}
                >
                  {t("sms.gsm.apply")}
                </button>
                <button type="button" class="btn btn-ghost btn-small" onClick={() => setPreviewing(false)}>
                  {t("sms.gsm.keep")}
                </button>
              </div>
            </div>
          )}
        </Show>
      </div>
    </Show>
  );
}
