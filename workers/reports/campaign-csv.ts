/**
 * The campaign CSV exports as streams (S3): the recipients list (the rows of
 * GET /campaigns/:id/recipients, same filter) and every raw event. A ReadableStream is fed one
 * D1 page per pull, so a 100,000-recipient campaign never sits in memory whole, and a slow reader
 * (a download, an R2 upload) holds back the reads. The API routes return these streams as
 * downloads; the export producer (workers/reports/exports.ts) writes the same streams into R2.
 * The campaign's channel picks the rows: an email campaign's `deliveries` (formatting in
 * shared/reports/campaign-csv-rows.ts, reads in recipients-store.ts), an SMS campaign's
 * `sms_messages` (shared/reports/sms-csv-rows.ts, reads in workers/sms/sms-recipients-store.ts,
 * the same reads as GET /campaigns/:id/sms-recipients).
 */
import { presentRecipient, type RecipientFilter } from "../../shared/reports/recipients";
import { eventCsvLine, eventsCsvHeader, recipientCsvLine, recipientsCsvHeader } from "../../shared/reports/campaign-csv-rows";
import { smsEventCsvLine, smsEventsCsvHeader, smsRecipientCsvLine, smsRecipientsCsvHeader } from "../../shared/reports/sms-csv-rows";
import { presentSmsRecipient } from "../../shared/sms/sms-recipients";
import type { CsvLang } from "../../shared/reports/csv-labels";
import { eventsPage, recipientsPage } from "./recipients-store";
import { smsEventsPage, smsRecipientsPage } from "../sms/sms-recipients-store";
import { smsFilterOf } from "../../shared/reports/sms-recipient-filters";

/** Recipients a page: about 100 KB of CSV, one D1 statement. */
const PAGE = 500;

export type RecipientsCsvOptions = { filter?: RecipientFilter; q?: string; lang?: CsvLang };
/** `kind` keeps one event kind only ("open", "click", …); absent or null: every event. */
export type EventsCsvOptions = { lang?: CsvLang; kind?: string | null };

/** The campaign's channel; fails the stream when the campaign is not the account's (the routes answer 404 before this). */
async function channelOf(db: D1Database, accountId: string, campaignId: string): Promise<"email" | "sms"> {
  const channel = await db.prepare("SELECT channel FROM campaigns WHERE id = ? AND account_id = ?").bind(campaignId, accountId).first<string>("channel");
  if (channel === null) throw new Error(`campaign ${campaignId} not found in account ${accountId}`);
  return channel === "sms" ? "sms" : "email";
}

/** A CSV fed page by page: `open` writes the heading and returns the reader of the next text (done at the end). */
type Pages = { header: string; next: () => Promise<{ text: string; done: boolean }> };

/** One stream for either channel: the heading first, then one page of lines per pull until `done`. */
function pagedCsv(open: () => Promise<Pages>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  // Opened once, by whichever of start and pull runs first: workerd was seen to pull before start's promise settled.
  let opening: Promise<Pages> | null = null;
  const pages = () => (opening ??= open());
  return new ReadableStream<Uint8Array>(
    {
      async start(ctl) {
        ctl.enqueue(enc.encode((await pages()).header));
      },
      async pull(ctl) {
        const { text, done } = await (await pages()).next();
        if (text) ctl.enqueue(enc.encode(text));
        if (done) ctl.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The recipients CSV, Spanish headings unless `lang` is "en", with a UTF-8 BOM for Excel.
 * @example return new Response(campaignRecipientsCsv(env.DB, accountId, campaignId, { filter: "opened" }), { headers: { "Content-Type": "text/csv; charset=utf-8" } })
 */
export function campaignRecipientsCsv(db: D1Database, accountId: string, campaignId: string, opts: RecipientsCsvOptions = {}): ReadableStream<Uint8Array> {
  const lang = opts.lang ?? "es";
  let cursor: string | null = null;
  return pagedCsv(async () => {
    if ((await channelOf(db, accountId, campaignId)) === "sms") {
      const filter = smsFilterOf(opts.filter);
      // The routes and the export request refuse it first; a stored export fails with the reason.
      if (filter === null) throw new RangeError(`filter "${opts.filter}" is not one an SMS campaign's recipients take (all, clicked)`);
      return {
        header: smsRecipientsCsvHeader(lang),
        next: async () => {
          const page = await smsRecipientsPage(db, accountId, campaignId, { filter, q: opts.q, cursor, limit: PAGE });
          cursor = page.nextCursor;
          return { text: page.rows.map((r) => smsRecipientCsvLine(presentSmsRecipient(r), lang)).join(""), done: page.nextCursor === null };
        },
      };
    }
    return {
      header: recipientsCsvHeader(lang),
      next: async () => {
        const page = await recipientsPage(db, accountId, campaignId, { filter: opts.filter, q: opts.q, cursor, limit: PAGE });
        cursor = page.nextCursor;
        return { text: page.rows.map((r) => recipientCsvLine(presentRecipient(r), lang)).join(""), done: page.nextCursor === null };
      },
    };
  });
}

/**
 * Every raw event of the campaign (or of one kind), by recipient then time, with Lima and UTC
 * times; Spanish headings unless `lang` is "en", with a UTF-8 BOM for Excel.
 * @example await env.FILES.put(key, campaignEventsCsv(env.DB, accountId, campaignId, { lang: "en" }))
 */
export function campaignEventsCsv(db: D1Database, accountId: string, campaignId: string, opts: EventsCsvOptions = {}): ReadableStream<Uint8Array> {
  const lang = opts.lang ?? "es";
  let after = 0;
  return pagedCsv(async () => {
    const sms = (await channelOf(db, accountId, campaignId)) === "sms";
    return {
      header: sms ? smsEventsCsvHeader(lang) : eventsCsvHeader(lang),
      // A page of recipients may have no events (or none of `kind`): keep reading until there
      // is something to hand over or the recipients are done, so a pull never enqueues nothing.
      next: async () => {
        for (;;) {
          let text: string;
          let page: { lastContact: number | null; done: boolean };
          if (sms) {
            const p = await smsEventsPage(db, campaignId, after, PAGE, opts.kind ?? null);
            [text, page] = [p.events.map((e) => smsEventCsvLine(e, lang)).join(""), p];
          } else {
            const p = await eventsPage(db, campaignId, after, PAGE, opts.kind ?? null);
            [text, page] = [p.events.map((e) => eventCsvLine(e, lang)).join(""), p];
          }
          if (page.lastContact !== null) after = page.lastContact;
          if (text || page.done) return { text, done: page.done };
        }
      },
    };
  });
}
