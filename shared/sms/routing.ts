/**
 * Which provider connection an SMS goes through, and which one takes over when that one fails
 * (S1). Pure: the connections and the number's operator in, an ordered route out.
 *
 * The route of a number whose operator is known (from the account's portability table) is the
 * connections serving that operator by name, then those serving every operator ("*"), each group
 * by priority (lower first), ties by id so the order is stable. A number whose operator is
 * unknown goes to the "*" connections (the provider's own routing decides), and as a last resort
 * to the operator-specific ones: a message is better tried than failed for want of a route.
 *
 * Failover: a provider that answers 5xx, times out or does not answer is tried again
 * (TRIES_PER_CONNECTION attempts, with backoff in between), then the next connection of the
 * route takes over; a 4xx is a definitive refusal of the message and fails it at once (a bad
 * number or a refused text would be refused by the next provider too).
 */
import type { Operator } from "./operators";

export type RoutableConnection = { id: string; operators: readonly string[]; priority: number; active: boolean };

/** Attempts on one connection before the next one of the route takes over. */
export const TRIES_PER_CONNECTION = 2;
/** Attempts of one message in all, whatever the route's length (the Queue gives up after 6). */
export const MAX_ATTEMPTS = 4;

/**
 * The connections to try for a number of `operator` (null: unknown), in order; empty when there
 * is no active connection at all.
 * @example routeFor("entel", [{ id: "a", operators: ["*"], priority: 0, active: true }, { id: "b", operators: ["entel"], priority: 5, active: true }]).map((c) => c.id) // ["b", "a"]
 */
export function routeFor<T extends RoutableConnection>(operator: Operator | null, connections: readonly T[]): T[] {
  const active = connections.filter((c) => c.active).sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const serves = (c: T) => operator !== null && c.operators.includes(operator);
  const everyone = (c: T) => c.operators.includes("*");
  const named = active.filter((c) => serves(c));
  const general = active.filter((c) => !serves(c) && everyone(c));
  if (operator !== null) return [...named, ...general];
  return [...general, ...active.filter((c) => !everyone(c))];
}

/**
 * The connection of the route that attempt number `attempt` (1-based) goes through, or null when
 * the route is exhausted (or MAX_ATTEMPTS is passed): the message then fails for good.
 * @example connectionForAttempt(["a", "b"], 1) // "a"
 * @example connectionForAttempt(["a", "b"], 3) // "b" (after two tries on "a")
 * @example connectionForAttempt(["a"], 3) // null
 */
export function connectionForAttempt<T>(route: readonly T[], attempt: number): T | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_ATTEMPTS) return null;
  return route[Math.floor((attempt - 1) / TRIES_PER_CONNECTION)] ?? null;
}

/**
 * Seconds to wait before attempt `attempt + 1` after a provider fault: `base` doubled per
 * attempt, at most five minutes. A failover to the next connection (when the next attempt is on
 * another connection) goes at once.
 * @example retryDelaySeconds(["a", "b"], 1, 10) // 20 (again on "a")
 * @example retryDelaySeconds(["a", "b"], 2, 10) // 0 ("b" takes over)
 */
export function retryDelaySeconds<T>(route: readonly T[], attempt: number, base: number): number {
  const next = connectionForAttempt(route, attempt + 1);
  if (next !== null && next !== connectionForAttempt(route, attempt)) return 0;
  return Math.min(300, Math.max(0, base) * 2 ** Math.min(attempt, 5));
}
