/**
 * Schemas of the two-way SMS inbox (S4) and the account's keywords (S6): threads per number
 * (keyset paged by last activity), one thread with its incoming and outgoing messages merged in
 * time order, the reply, and the keywords with their actions (reply, tag, webhook). The opt-out
 * words (BAJA, STOP, ALTO …) are built in and listed apart: they cannot be defined.
 */
import { z } from "zod";

const isoDate = z.iso.datetime();

/** What an incoming message is shown with: "received"; outgoing ones carry their delivery status. */
export const OUTBOUND_STATUSES = ["queued", "sending", "accepted", "delivered", "failed", "expired", "rejected", "cancelled"] as const;
export const THREAD_STATUSES = ["received", ...OUTBOUND_STATUSES] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const InboxQuery = z.strictObject({
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).optional().describe("Threads per page (default 30)"),
});

export const ThreadContact = z.object({ id: z.number().int(), name: z.string().describe("First and last name, else the email, else the phone") });

export const ThreadSummary = z.object({
  number: z.string().describe("The handset, E.164"),
  contact: ThreadContact.nullable().describe("The account's contact with this phone, if any"),
  last: z.object({ text: z.string(), at: isoDate, direction: z.enum(["in", "out"]) }),
  unread: z.number().int().nonnegative().describe("Incoming messages not yet opened in the dashboard"),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;
export const InboxPage = z.object({ threads: z.array(ThreadSummary), nextCursor: z.string().nullable() });
export type InboxPage = z.infer<typeof InboxPage>;

export const ThreadMessage = z.object({
  id: z.string(),
  direction: z.enum(["in", "out"]),
  text: z.string(),
  at: isoDate,
  status: z.enum(THREAD_STATUSES),
  keyword: z.string().nullable().describe("Incoming: the keyword acted upon (BAJA, or one of the account's)"),
  action: z.enum(["optout", "keyword"]).nullable().describe("Incoming: what the keyword did: opted the sender out, or ran the account's keyword"),
  campaignId: z.string().nullable().describe("Outgoing: its campaign; incoming: the campaign of the latest SMS sent to this number before it (a reply to it)"),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;
export const ThreadOut = z.object({
  number: z.string(),
  contact: ThreadContact.nullable(),
  messages: z.array(ThreadMessage).describe("The latest 200, oldest first"),
});
export type ThreadOut = z.infer<typeof ThreadOut>;

export const ReplyBody = z.strictObject({
  text: z.string().max(2000).describe("The reply; the same rules as POST /sms (segment policy, at most 10 segments)"),
  confirmMultipart: z.boolean().optional().describe("Under the policy \"confirm\": the replier agrees to more than one segment"),
});

export const KeywordActions = z
  .strictObject({
    reply: z.string().trim().min(1).max(1000).optional().describe("Text sent back (charged like any SMS)"),
    tag: z.string().trim().min(1).max(60).optional().describe("Adds the contact to the list of this name (created when missing)"),
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2000).optional().describe("Called with a signed JSON body (POST, X-Pregon-Signature)"),
  })
  .refine((a) => a.reply !== undefined || a.tag !== undefined || a.webhookUrl !== undefined, { message: "must have at least one of reply, tag, webhookUrl" });
export type KeywordActions = z.infer<typeof KeywordActions>;

export const CreateKeywordBody = z.strictObject({
  keyword: z.string().max(40).describe("One word of 2 to 20 letters or digits; compared without accents, in capitals"),
  actions: KeywordActions,
});

export const KeywordOut = z.object({
  id: z.string(),
  keyword: z.string(),
  actions: z.object({ reply: z.string().optional(), tag: z.string().optional(), webhookUrl: z.string().optional() }),
  webhookSecret: z.string().nullable().describe("Owner and admin: the secret webhook calls are signed with (HMAC-SHA256); null for others or without a webhook"),
  createdAt: isoDate,
});
export type KeywordOut = z.infer<typeof KeywordOut>;
export const KeywordList = z.object({
  keywords: z.array(KeywordOut),
  builtIn: z.array(z.string()).describe("Opt-out words, always active: the sender is unsubscribed at once and told so"),
});
export type KeywordList = z.infer<typeof KeywordList>;

/** A reply is queued like POST /sms and answered the same way. */
export { SmsQueued as ReplyOut } from "./schemas-sms";
