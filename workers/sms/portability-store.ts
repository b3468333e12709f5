/**
 * The account's portability table in D1 `sms_portability` (number → operator, S1): an upload is
 * read as it streams (multipart → UTF-8 text → CsvParser, shared/import), each record checked by
 * portabilityRow (E.164 mobile, operator normalised), and written in upserts of BATCH rows, so a
 * file of a million numbers never sits in memory. A number uploaded again takes its new operator.
 * The delimiter is detected from the first chunk; a header line is skipped. Rejected lines are
 * returned with their line number and reason (the first MAX_REJECTS; all are counted).
 */
import { CsvParser, type CsvRecord } from "../../shared/import/csv-parser";
import { detectDelimiter } from "../../shared/import/detect";
import { isHeaderRow, portabilityRow } from "../../shared/sms/portability";
import type { ByteSink } from "../audience/multipart";

const BATCH = 500;
export const MAX_REJECTS = 1000;

export type PortabilityImport = { imported: number; rejected: { line: number; reason: string }[]; rejectedTotal: number };

/** A ByteSink (workers/audience/multipart.ts) that parses and stores the file as it arrives. */
export class PortabilitySink implements ByteSink {
  private readonly decoder = new TextDecoder("utf-8");
  private parser: CsvParser | null = null;
  private head = "";
  private first = true;
  private pending: { number: string; operator: string }[] = [];
  readonly result: PortabilityImport = { imported: 0, rejected: [], rejectedTotal: 0 };

  constructor(
    private readonly db: D1Database,
    private readonly accountId: string,
    private readonly now: number,
  ) {}

  async write(bytes: Uint8Array): Promise<void> {
    await this.text(this.decoder.decode(bytes, { stream: true }));
  }

  /** Flush what is left; call once the upload ended. */
  async end(): Promise<PortabilityImport> {
    await this.text(this.decoder.decode());
    if (!this.parser) await this.start();
    await this.take(this.parser!.end());
    await this.flush();
    return this.result;
  }

  private async text(chunk: string): Promise<void> {
    if (this.parser) return this.take(this.parser.push(chunk));
    // Wait for a few lines before choosing the delimiter.
    this.head += chunk;
    if (this.head.length >= 4096) await this.start();
  }

  private async start(): Promise<void> {
    this.parser = new CsvParser(detectDelimiter(this.head).delimiter);
    const head = this.head;
    this.head = "";
    await this.take(this.parser.push(head));
  }

  private async take(records: CsvRecord[]): Promise<void> {
    for (const r of records) {
      const isFirst = this.first;
      this.first = false;
      if (r.error) {
        this.reject(r.line, r.error.replace(/_/g, " "));
        continue;
      }
      if (isFirst && isHeaderRow(r.fields)) continue;
      const row = portabilityRow(r.fields);
      if (!row.ok) this.reject(r.line, row.reason);
      else this.pending.push({ number: row.number, operator: row.operator });
      if (this.pending.length >= BATCH) await this.flush();
    }
  }

  private reject(line: number, reason: string) {
    this.result.rejectedTotal++;
    if (this.result.rejected.length < MAX_REJECTS) this.result.rejected.push({ line, reason });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    await this.db
      .prepare(
        `INSERT INTO sms_portability (account_id, number, operator, updated_at)
         SELECT ?1, value ->> 'number', value ->> 'operator', ?2 FROM json_each(?3) WHERE true
         ON CONFLICT (account_id, number) DO UPDATE SET operator = excluded.operator, updated_at = excluded.updated_at`,
      )
      .bind(this.accountId, this.now, JSON.stringify(rows))
      .run();
    this.result.imported += rows.length;
  }
}

/** How many numbers the table holds, per operator. */
export async function portabilitySummary(db: D1Database, accountId: string): Promise<{ count: number; byOperator: Record<string, number> }> {
  const rows = await db.prepare("SELECT operator, COUNT(*) AS n FROM sms_portability WHERE account_id = ? GROUP BY operator").bind(accountId).all<{ operator: string; n: number }>();
  const byOperator: Record<string, number> = {};
  let count = 0;
  for (const r of rows.results) (byOperator[r.operator] = r.n), (count += r.n);
  return { count, byOperator };
}
