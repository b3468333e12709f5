/**
 * The SMS inbox's and keywords' API shapes as the dashboard uses them: type-only aliases of the
 * Worker's zod schemas (shared/api/schemas-sms-inbox.ts), so zod stays out of the bundle and a
 * change of the API breaks the type check here. Re-exported by api.ts; the pure view module
 * (inbox.ts) imports it directly because api.ts uses browser-only APIs.
 */
import type { z } from "zod";
import type * as I from "../../../shared/api/schemas-sms-inbox";

export type InboxPage = z.infer<typeof I.InboxPage>;
export type ThreadSummary = z.infer<typeof I.ThreadSummary>;
export type ThreadOut = z.infer<typeof I.ThreadOut>;
export type ThreadMessage = z.infer<typeof I.ThreadMessage>;
export type ReplyBody = z.input<typeof I.ReplyBody>;
export type ReplyOut = z.infer<typeof I.ReplyOut>;
export type KeywordOut = z.infer<typeof I.KeywordOut>;
export type KeywordList = z.infer<typeof I.KeywordList>;
export type CreateKeywordBody = z.input<typeof I.CreateKeywordBody>;
