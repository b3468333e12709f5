/**
 * Signed download URLs of exports: `<base>/x/<token>`, the token signed with the link key
 * (LINK_SECRET, imported once per isolate by workers/tracking/record.ts) and valid for
 * EXPORT_LINK_MINUTES, never past the export's own expiry.
 */
import { linkKey } from "../tracking/record";
import { signExportToken } from "../../shared/exports/token";
import { EXPORT_LINK_MINUTES } from "../../shared/exports/files";
import type { ExportRow } from "../../shared/exports/present";

/**
 * A fresh link to a ready export, or null when it is not ready (or already expired).
 * @example await downloadLink(env, row, "https://pregon.example.pe", Date.now()) // { url: "https://pregon.example.pe/x/eDF….…", expiresAt: … }
 */
export async function downloadLink(env: Env, row: ExportRow, baseUrl: string, now: number): Promise<{ url: string; expiresAt: number } | null> {
  if (row.status !== "ready" || row.expires_at <= now) return null;
  // Whole seconds: the token carries seconds, and the API should say what the token says.
  const expiresAt = Math.floor(Math.min(now + EXPORT_LINK_MINUTES * 60_000, row.expires_at) / 1000) * 1000;
  const token = await signExportToken(await linkKey(env), row.id, expiresAt);
  return { url: `${baseUrl.replace(/\/+$/, "")}/x/${token}`, expiresAt };
}
