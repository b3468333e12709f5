/**
 * The campaign CSV exports as streams (S3): the recipients list (the rows of
 * GET /campaigns/:id/recipients, same filter) and every raw event. A ReadableStream is fed one
 * D1 page per pull, so a 100,000-recipient campaign never sits in memory whole, and a slow reader
 * (a download, an R2 upload) holds back the reads. The API routes return these streams as
 * downloads; the export producer (workers/reports/exports.ts) writes the same streams into R2.
 * Formatting is shared/reports/campaign-csv-rows.ts; the reads are recipients-store.ts.
 */
import { presentRecipient, type RecipientFilter } from "../../shared/reports/recipients";
import { eventCsvLine, eventsCsvHeader, recipientCsvLine, recipientsCsvHeader } from "../../shared/reports/campaign-csv-rows";
import type { CsvLang } from "../../shared/reports/csv-labels";
import { eventsPage, recipientsPage } from "./recipients-store";

/** Recipients a page: about 100 KB of CSV, one D1 statement. */
const PAGE = 500;

export type RecipientsCsvOptions = { filter?: RecipientFilter; q?: string; lang?: CsvLang };
/** `kind` keeps one event kind only ("open", "click", …); absent or null: every event. */
export type EventsCsvOptions = { lang?: CsvLang; kind?: string | null };

/** Fails the stream when the campaign is not the account's (the routes answer 404 before this). */
async function checkCampaign(db: D1Database, accountId: string, campaignId: string): Promise<void> {
  const found = await db.prepare("SELECT 1 FROM campaigns WHERE id = ? AND account_id = ?").bind(campaignId, accountId).first();
  if (!found) throw new Error(`campaign ${campaignId} not found in account ${accountId}`);
}

/**
 * The recipients CSV, Spanish headings unless `lang` is "en", with a UTF-8 BOM for Excel.
 * @example return new Response(campaignRecipientsCsv(env.DB, accountId, campaignId, { filter: "opened" }), { headers: { "Content-Type": "text/csv; charset=utf-8" } })
 */
export function campaignRecipientsCsv(db: D1Database, accountId: string, campaignId: string, opts: RecipientsCsvOptions = {}): ReadableStream<Uint8Array> {
  const lang = opts.lang ?? "es";
  const enc = new TextEncoder();
  let cursor: string | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async start(ctl) {
        await checkCampaign(db, accountId, campaignId);
        ctl.enqueue(enc.encode(recipientsCsvHeader(lang)));
      },
      async pull(ctl) {
        const page = await recipientsPage(db, accountId, campaignId, { filter: opts.filter, q: opts.q, cursor, limit: PAGE });
        if (page.rows.length) ctl.enqueue(enc.encode(page.rows.map((r) => recipientCsvLine(presentRecipient(r), lang)).join("")));
        if (page.nextCursor === null) ctl.close();
        cursor = page.nextCursor;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Every raw event of the campaign (or of one kind), by recipient then time, with Lima and UTC
 * times; Spanish headings unless `lang` is "en", with a UTF-8 BOM for Excel.
 * @example await env.FILES.put(key, campaignEventsCsv(env.DB, accountId, campaignId, { lang: "en" }))
 */
export function campaignEventsCsv(db: D1Database, accountId: string, campaignId: string, opts: EventsCsvOptions = {}): ReadableStream<Uint8Array> {
  const lang = opts.lang ?? "es";
  const enc = new TextEncoder();
  let after = 0;
  return new ReadableStream<Uint8Array>(
    {
      async start(ctl) {
        await checkCampaign(db, accountId, campaignId);
        ctl.enqueue(enc.encode(eventsCsvHeader(lang)));
      },
      async pull(ctl) {
        // A page of recipients may have no events (or none of `kind`): keep reading until there
        // is something to hand over or the recipients are done, so a pull never enqueues nothing.
        for (;;) {
          const page = await eventsPage(db, campaignId, after, PAGE, opts.kind ?? null);
          const text = page.events.map((e) => eventCsvLine(e, lang)).join("");
          if (page.lastContact !== null) after = page.lastContact;
          if (page.done) {
            if (text) ctl.enqueue(enc.encode(text));
            return ctl.close();
          }
          if (text) return ctl.enqueue(enc.encode(text));
        }
      },
    },
    { highWaterMark: 0 },
  );
}
