/**
 * Words and small parsing of the send limits: provider names, the notice lines of a campaign
 * held back ("Limitado por Gmail: 1.000/h; siguiente tanda 14:00", times in America/Lima), and
 * the warm-up's daily caps typed as one line of numbers.
 */
import { locale, t, type MessageKey } from "../i18n";
import type { ThrottleHold } from "./api";
import { formatNumber } from "./format";

export const PROVIDER_KEYS = ["gmail", "outlook", "yahoo", "other"] as const;
export type ProviderKey = (typeof PROVIDER_KEYS)[number];

/** @example providerLabel("outlook") // "Outlook / Hotmail" */
export function providerLabel(p: string): string {
  return (PROVIDER_KEYS as readonly string[]).includes(p) ? t(`limits.provider.${p as ProviderKey}`) : p;
}

const limaDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(d);

/**
 * When the next batch goes, in Lima: "14:00" today, "30 nov., 00:00" on another day.
 * @example nextBatchAt("2026-11-29T19:00:00Z", Date.UTC(2026, 10, 29, 18)) // "14:00"
 */
export function nextBatchAt(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const sameDay = limaDay(d) === limaDay(new Date(now));
  return new Intl.DateTimeFormat(locale() === "en" ? "en" : "es-PE", {
    ...(sameDay ? {} : { day: "numeric", month: "short" }),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "America/Lima",
  }).format(d);
}

/**
 * One line per limit holding the campaign back; the relay and the warm-up hold every provider
 * alike, so they are said once.
 * @example holdLines([{ provider: "gmail", limitedBy: "provider", limit: 1000, nextAt }]) // ["Limitado por Gmail: 1.000/h; siguiente tanda 14:00"]
 */
export function holdLines(holds: ThrottleHold[], now = Date.now()): string[] {
  const lines = new Set<string>();
  for (const h of holds) {
    const vars = { provider: providerLabel(h.provider), limit: formatNumber(h.limit), at: nextBatchAt(h.nextAt, now) };
    const key: MessageKey = h.limitedBy === "provider" ? "throttle.provider" : h.limitedBy === "relay" ? "throttle.relay" : "throttle.warmup";
    lines.add(t(key, vars));
  }
  return [...lines];
}

/**
 * The warm-up caps typed as "200, 500, 1.000": numbers separated by commas, semicolons or
 * spaces ("." as a thousands separator is ignored). Returns a catalogue key on a mistake.
 * @example parseCaps("200, 500 1.000") // { caps: [200, 500, 1000] }
 */
export function parseCaps(text: string): { caps: number[] } | { error: MessageKey; day?: number } {
  const items = text.split(/[\s,;]+/).filter(Boolean);
  if (items.length === 0) return { error: "limits.badCaps" };
  const caps: number[] = [];
  for (const item of items) {
    const digits = item.replace(/[.\u00a0]/g, "");
    const n = Number(digits);
    if (!/^\d+$/.test(digits) || !Number.isSafeInteger(n) || n < 1) return { error: "limits.badCaps" };
    if (caps.length && n < caps[caps.length - 1]!) return { error: "limits.capsDown", day: caps.length + 1 };
    caps.push(n);
  }
  return { caps };
}
