/**
 * Checks of an SMS campaign when it is saved: the text is not empty, its merge fields
 * are known (the email merge language, shared/email/merge.ts), and the account's segment policy
 * (shared/sms/send-checks.ts) holds for the text as it will be sent, with every link already the
 * length of a short link (withPlaceholderLinks) — merge fields can still change the length per
 * recipient, which the runner charges per message. A problem is a 400 naming `text`.
 */
import { checkSmsText } from "../../shared/sms/send-checks";
import { withPlaceholderLinks } from "../../shared/sms/links";
import { ApiError } from "../api/errors";
import { checkMergeFields } from "../email/campaign-validate";
import { loadSmsSettings } from "./settings-store";

/** The base short links are made under (PUBLIC_URL, as email's tracking links). */
export function shortLinkBase(env: { PUBLIC_URL?: string }): string {
  return (env.PUBLIC_URL || "http://127.0.0.1:8787").replace(/\/+$/, "");
}

/**
 * Throws a 400 naming `text` when the SMS campaign text cannot be saved.
 * @example await checkSmsCampaignText(env, accountId, "Hola {{nombre}}", false) // passes
 */
export async function checkSmsCampaignText(env: Env, accountId: string, text: string, confirmMultipart: boolean): Promise<void> {
  if (text.trim() === "") throw new ApiError(400, "invalid_field", "text: must not be empty", "text");
  await checkMergeFields(env.DB, accountId, { text });
  const { segmentPolicy } = await loadSmsSettings(env.DB, accountId);
  const check = checkSmsText(withPlaceholderLinks(text, shortLinkBase(env)), segmentPolicy, confirmMultipart);
  if (!check.ok) throw new ApiError(400, check.code, `text: ${check.reason}`, "text");
}
