/**
 * Relay webhook payloads normalised to Feedback: Amazon SES (the JSON inside an SNS
 * notification), SendGrid (an array of events), Mailgun (one event) and Postmark (one bounce or
 * spam complaint). Each reader validates the shape with zod and returns null when the payload is
 * malformed; events that are not bounces or complaints (delivered, opened…) yield nothing.
 */
import { z } from "zod";
import { classify, statusFromText } from "./status";
import { bareAddress, shortDetail, NO_CLUES, type Feedback } from "./types";

const clues = (messageId: string | null | undefined, campaignId?: string | null) => ({ ...NO_CLUES, messageId: messageId ? (messageId.startsWith("<") ? messageId : `<${messageId}>`) : null, campaignId: campaignId ?? null });
const bounceOf = (kind: "hard" | "soft", email: string | null, status: string, detail: string | null | undefined, source: Feedback["source"], messageId?: string | null): Feedback => ({ kind, email, status, detail: shortDetail(detail), source, clues: clues(messageId) });

const ses = z.object({
  notificationType: z.string().optional(),
  eventType: z.string().optional(),
  mail: z.object({ commonHeaders: z.object({ messageId: z.string().optional() }).optional(), headers: z.array(z.object({ name: z.string(), value: z.string() })).optional() }).optional(),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string(), status: z.string().optional(), diagnosticCode: z.string().optional() })) }).optional(),
  complaint: z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })), complaintFeedbackType: z.string().optional() }).optional(),
});

/** @example readSes(JSON.parse(snsMessage.Message)) */
export function readSes(body: unknown): Feedback[] | null {
  const p = ses.safeParse(body);
  if (!p.success) return null;
  const type = p.data.notificationType ?? p.data.eventType;
  const header = p.data.mail?.headers?.find((h) => h.name.toLowerCase() === "message-id")?.value;
  const messageId = header ?? p.data.mail?.commonHeaders?.messageId;
  if (type === "Bounce" && p.data.bounce) {
    // SES: Permanent is hard; Transient and Undetermined are soft whatever the code says.
    const permanent = p.data.bounce.bounceType === "Permanent";
    return p.data.bounce.bouncedRecipients.map((r) => {
      const status = r.status ?? statusFromText(r.diagnosticCode ?? "") ?? (permanent ? "5.0.0" : "4.0.0");
      return bounceOf(permanent ? "hard" : "soft", bareAddress(r.emailAddress), status, r.diagnosticCode ?? p.data.bounce!.bounceType, "ses", messageId);
    });
  }
  if (type === "Complaint" && p.data.complaint) {
    const status = p.data.complaint.complaintFeedbackType ?? "abuse";
    if (status === "not-spam") return [];
    return p.data.complaint.complainedRecipients.map((r) => ({ kind: "complaint", email: bareAddress(r.emailAddress), status, detail: "complaint reported through SES", source: "ses", clues: clues(messageId) }));
  }
  return type ? [] : null;
}

const sendgrid = z.array(z.object({ event: z.string(), email: z.string(), "smtp-id": z.string().optional(), status: z.string().optional(), reason: z.string().optional(), type: z.string().optional() }).passthrough());

/** @example readSendgrid([{ event: "bounce", email: "a@b.pe", status: "5.1.1", reason: "550 …" }]) */
export function readSendgrid(body: unknown): Feedback[] | null {
  const p = sendgrid.safeParse(body);
  if (!p.success) return null;
  return p.data.flatMap((e): Feedback[] => {
    const email = bareAddress(e.email);
    if (e.event === "spamreport") return [{ kind: "complaint", email, status: "abuse", detail: "spam report through SendGrid", source: "sendgrid", clues: clues(e["smtp-id"]) }];
    if (e.event !== "bounce" && e.event !== "deferred") return [];
    const status = e.status ?? statusFromText(e.reason ?? "") ?? (e.event === "deferred" ? "4.0.0" : "5.0.0");
    const kind = e.event === "deferred" || e.type === "blocked" ? "soft" : (classify(status) ?? "hard");
    return [bounceOf(kind, email, status, e.reason, "sendgrid", e["smtp-id"])];
  });
}

const mailgun = z.object({
  "event-data": z.object({
    event: z.string(),
    severity: z.string().optional(),
    recipient: z.string(),
    "delivery-status": z.object({ code: z.number().optional(), "enhanced-code": z.string().optional(), message: z.string().optional(), description: z.string().optional() }).passthrough().optional(),
    message: z.object({ headers: z.object({ "message-id": z.string().optional() }).passthrough().optional() }).passthrough().optional(),
  }).passthrough(),
});

/** @example readMailgun({ signature, "event-data": { event: "failed", severity: "permanent", recipient: "a@b.pe" } }) */
export function readMailgun(body: unknown): Feedback[] | null {
  const p = mailgun.safeParse(body);
  if (!p.success) return null;
  const e = p.data["event-data"];
  const messageId = e.message?.headers?.["message-id"];
  if (e.event === "complained") return [{ kind: "complaint", email: bareAddress(e.recipient), status: "abuse", detail: "complaint through Mailgun", source: "mailgun", clues: clues(messageId) }];
  if (e.event !== "failed") return [];
  const ds = e["delivery-status"];
  const text = `${ds?.code ?? ""} ${ds?.message ?? ""} ${ds?.description ?? ""}`;
  const permanent = e.severity === "permanent";
  const status = ds?.["enhanced-code"] ?? statusFromText(text) ?? (permanent ? "5.0.0" : "4.0.0");
  return [bounceOf(permanent ? (classify(status) ?? "hard") : "soft", bareAddress(e.recipient), status, text, "mailgun", messageId)];
}

const postmark = z.object({ RecordType: z.string(), Type: z.string().optional(), Email: z.string(), Description: z.string().optional(), Details: z.string().optional(), Metadata: z.record(z.string(), z.string()).optional() }).passthrough();
const POSTMARK_HARD = new Set(["HardBounce", "BadEmailAddress", "ManuallyDeactivated", "AddressChange"]);
const POSTMARK_IGNORED = new Set(["Unsubscribe", "Subscribe", "AutoResponder", "OpenRelayTest", "Unknown", "ChallengeVerification", "SMTPApiError", "InboundError", "DMARCPolicy", "TemplateRenderingFailed"]);

/** @example readPostmark({ RecordType: "Bounce", Type: "HardBounce", Email: "a@b.pe", Details: "550 5.1.1 …" }) */
export function readPostmark(body: unknown): Feedback[] | null {
  const p = postmark.safeParse(body);
  if (!p.success) return null;
  const email = bareAddress(p.data.Email);
  const messageId = p.data.Metadata?.["message-id"];
  if (p.data.RecordType === "SpamComplaint" || p.data.Type === "SpamComplaint" || p.data.Type === "SpamNotification") {
    return [{ kind: "complaint", email, status: "abuse", detail: "spam complaint through Postmark", source: "postmark", clues: clues(messageId) }];
  }
  if (p.data.RecordType !== "Bounce" || !p.data.Type || POSTMARK_IGNORED.has(p.data.Type)) return [];
  const hard = POSTMARK_HARD.has(p.data.Type);
  const text = `${p.data.Description ?? ""} ${p.data.Details ?? ""}`;
  const status = statusFromText(p.data.Details ?? "") ?? (hard ? "5.0.0" : "4.0.0");
  return [bounceOf(hard ? "hard" : "soft", email, status, text, "postmark", messageId)];
}
