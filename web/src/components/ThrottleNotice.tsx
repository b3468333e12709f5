/**
 * On a sending campaign held back by the send limits: one line per limit and when its next batch
 * goes ("Limitado por Gmail: 1.000/h; siguiente tanda 14:00", Lima time), with a link to the
 * limits. Asked for when the campaign starts sending and every 15 s while it sends.
 */
import { A } from "@solidjs/router";
import { For, Show, createEffect, createSignal, on, onCleanup } from "solid-js";
import { t } from "../i18n";
import { api, type ThrottleHold } from "../lib/api";
import { holdLines } from "../lib/sending";

const REFRESH_MS = 15_000;

export default function ThrottleNotice(props: { campaignId: string; active: boolean; onHeld?: (held: boolean) => void }) {
  const [holds, setHolds] = createSignal<ThrottleHold[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function refresh() {
    clearTimeout(timer);
    if (stopped || !props.active) {
      props.onHeld?.(false);
      return setHolds([]);
    }
    try {
      const r = await api.campaignThrottle(props.campaignId);
      if (!stopped) {
        setHolds(r.holds);
        props.onHeld?.(r.holds.length > 0);
      }
    } catch {
      /* a missed refresh is retried on the next tick */
    }
    if (!stopped) timer = setTimeout(() => void refresh(), REFRESH_MS);
  }
  createEffect(on(() => props.active, () => void refresh()));
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
  });

  return (
    <Show when={props.active && holds().length > 0}>
      <div class="notice notice-info throttle-notice" role="status" data-testid="throttle-notice">
        <div>
          <p class="throttle-title">{t("throttle.title")}</p>
          <For each={holdLines(holds())}>{(line) => <p>{line}</p>}</For>
        </div>
        <A href="/settings#send-limits" class="btn btn-ghost btn-small">
          {t("throttle.link")}
        </A>
      </div>
    </Show>
  );
}
