/**
 * The live counter under the SMS composer, one calm line read out politely as it changes:
 * "GSM-7 · 4 caracteres · 1 segmento · 1 crédito", and with several recipients how the credits
 * add up ("3 destinatarios × 2 segmentos = 6 créditos").
 */
import { Show } from "solid-js";
import { t } from "../i18n";
import { formatNumber } from "../lib/format";
import type { ComposerStats } from "../lib/sms";
import { countText } from "../lib/sms-words";

export default function SmsCounter(props: { stats: ComposerStats; recipients: number; id?: string }) {
  return (
    <div class="sms-counter" id={props.id} role="status" aria-live="polite" aria-label={t("sms.counter.label")} data-testid="sms-counter">
      <p class="sms-counter-main">
        <span class="badge" classList={{ "badge-info": props.stats.encoding === "GSM-7", "badge-warn": props.stats.encoding === "UCS-2" }} data-testid="sms-encoding">
          {props.stats.encoding}
        </span>
        <span data-testid="sms-characters">{countText("characters", props.stats.characters)}</span>
        <span aria-hidden="true">·</span>
        <span data-testid="sms-segments">{countText("segments", props.stats.segments)}</span>
        <span aria-hidden="true">·</span>
        <span data-testid="sms-credits">{countText("credits", props.stats.credits)}</span>
      </p>
      <p class="hint">
        {t("sms.counter.units", {
          units: formatNumber(props.stats.units),
          capacity: formatNumber(Math.max(1, props.stats.segments) * props.stats.perSegment),
          perSegment: formatNumber(props.stats.perSegment),
        })}
        <Show when={props.recipients > 1}>
          {" · "}
          {t("sms.counter.recipients", {
            recipients: formatNumber(props.recipients),
            segments: countText("segments", props.stats.segments),
            credits: countText("credits", props.stats.credits),
          })}
        </Show>
      </p>
    </div>
  );
}
