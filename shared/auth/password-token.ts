/**
 * Set-password links (W5), pure: how long one lives and whether a stored one may still be used.
 * The link carries a random token; only its SHA-256 is stored (`password_tokens.id`), so a
 * database leak gives no usable link. A token is single-use: using it sets `used_at`, and a new
 * password revokes every other token of that user.
 */

/** A welcome link lives 72 hours. */
export const WELCOME_TOKEN_TTL_MS = 72 * 3_600_000;

export type TokenRow = { expiresAt: number; usedAt: number | null };
/** `unknown`: no such token (or forged) → 404; `gone`: used or expired → 410. */
export type TokenState = "valid" | "unknown" | "gone";

/**
 * The state of a stored token at `now` (null: not found).
 * @example tokenState({ expiresAt: 2_000, usedAt: null }, 1_000) // "valid"
 * @example tokenState({ expiresAt: 2_000, usedAt: 1_500 }, 1_600) // "gone"
 */
export function tokenState(row: TokenRow | null, now: number): TokenState {
  if (!row) return "unknown";
  if (row.usedAt !== null || row.expiresAt <= now) return "gone";
  return "valid";
}

/**
 * The set-password page's address for `token` under the deployment's public URL.
 * @example setPasswordUrl("https://pregon.gob.pe/", "abc") // "https://pregon.gob.pe/definir-clave?token=abc"
 */
export function setPasswordUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/definir-clave?token=${encodeURIComponent(token)}`;
}
