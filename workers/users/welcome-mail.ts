/**
 * Sends the welcome mail of a new sub-user (W5) through the deployment's SMTP relay, as the
 * monthly report mail does: from SYSTEM_FROM, DKIM-signed with the deployment key when there is
 * one, the usage guide's PDF attached. It never throws: the caller answers whether the mail went
 * out (`sent`, with the relay's words or the fault in `error`), and creating the user stands
 * either way.
 */
import { buildSystemMime } from "../../shared/email/mime-mixed";
import { joinMessage } from "../../shared/email/mime";
import { importDkimKey, signDkim } from "../../shared/email/dkim";
import { systemSender } from "../../shared/email/system-sender";
import { guide } from "../../shared/guide/guide";
import { guidePdf } from "../../shared/guide/guide-pdf";
import { welcomeMailContent, type WelcomeMailInput } from "../../shared/guide/welcome-mail";
import { openMessenger } from "../email/transport";
import { sendBatch } from "../email/smtp";

/** The guide's file name in the mail. */
export const GUIDE_FILENAME = "guia-de-uso-pregon.pdf";

export type WelcomeMailResult = { sent: boolean; error: string | null };

/**
 * Build and send one welcome mail to `input.email`.
 * @example await sendWelcomeMail(env, { name: "Ana", email: "ana@muni.gob.pe", role: "sender", accountName: "Muni", createdByName: "Rosa", setPasswordUrl: url, publicUrl: env.PUBLIC_URL ?? null }, Date.now()) // { sent: true, error: null }
 */
export async function sendWelcomeMail(env: Env, input: WelcomeMailInput, now: number): Promise<WelcomeMailResult> {
  try {
    const from = systemSender(env.SYSTEM_FROM, env.APP_NAME || "Pregón");
    const domain = from.address.split("@")[1]!;
    const mime = buildSystemMime({
      from,
      to: input.email,
      ...welcomeMailContent(input),
      messageId: `<welcome.${crypto.randomUUID()}@${domain}>`,
      date: new Date(now),
      attachments: [{ filename: GUIDE_FILENAME, contentType: "application/pdf", content: await guidePdf(guide("es"), new Date(now)) }],
    });
    const dkim = env.DKIM_PRIVATE_KEY
      ? await importDkimKey(env.DKIM_PRIVATE_KEY, (env.DKIM_ALGORITHM as "rsa-sha256" | undefined) ?? "rsa-sha256", env.DKIM_DOMAIN || domain, env.DKIM_SELECTOR || "pregon")
      : null;
    const data = joinMessage(dkim ? await signDkim(mime.headers, mime.body, dkim, new Date(now)) : null, mime);
    const messenger = openMessenger(env);
    try {
      const [result] = await sendBatch(messenger, [{ id: input.email, mailFrom: from.address, rcptTo: input.email, data }]);
      return result!.status === "accepted" ? { sent: true, error: null } : { sent: false, error: `${result!.code} ${result!.message}`.trim() };
    } finally {
      await messenger.close();
    }
  } catch (err) {
    console.error(`welcome mail to ${input.email} failed`, err);
    return { sent: false, error: err instanceof Error ? err.message : String(err) };
  }
}
