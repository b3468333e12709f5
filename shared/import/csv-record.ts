/**
 * Assembly of one CSV record for CsvParser: the fields so far, the text of an unquoted field
 * still waiting for the next chunk, and the error flags. It also keeps the memory bound: past
 * `maxChars` raw characters the record stops keeping its fields and comes out as
 * record_too_long, so a file with no line breaks (or one absurd line) cannot exhaust a Worker's
 * 128 MB. Counting raw (untrimmed, still escaped) characters makes that verdict the same
 * however the file was cut into chunks.
 */
export type CsvRecord = {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
  /**
   * unterminated_quote: a quoted field never closed (at end of input, or past the limits);
   * fields hold the fields before it plus its text up to the end of its first line.
   * stray_quote: text after a closing quote ("abc"def); the field is kept as Excel reads it (abcdef).
   * record_too_long: the record passed maxRecordChars; its fields are dropped to bound memory.
   */
  error?: "unterminated_quote" | "stray_quote" | "record_too_long";
};

export class RecordBuilder {
  /** Unquoted field text carried over from earlier chunks, untrimmed. */
  partial = "";
  /** Text followed a closing quote somewhere in this record. */
  stray = false;
  private fields: string[] = [];
  private chars = 0;
  private dropped = false;
  private readonly maxChars: number;

  constructor(maxChars: number) {
    this.maxChars = maxChars;
  }

  /** Whether the record holds any field yet (or held some before dropping them). */
  get started(): boolean {
    return this.fields.length > 0 || this.dropped;
  }

  /** Add a complete field; `raw` is its length in the file. */
  push(value: string, raw: number): void {
    this.chars += raw + 1;
    if (this.chars > this.maxChars) this.drop();
    if (!this.dropped) this.fields.push(value);
  }

  /** Hold unquoted text until the next chunk. */
  carry(text: string): void {
    if (this.dropped) return;
    this.partial += text;
    if (this.chars + this.partial.length > this.maxChars) this.drop();
  }

  /**
   * Close the record with its last field, or return `null` when it is an empty line: one
   * unquoted blank field and nothing else.
   * @example new RecordBuilder(99).finish("ana@x.pe", 8, false, 3) // { line: 3, fields: ["ana@x.pe"] }
   */
  finish(value: string, raw: number, quoted: boolean, line: number): CsvRecord | null {
    if (!this.started && !quoted && value === "") {
      this.reset();
      return null;
    }
    this.push(value, raw);
    const record: CsvRecord = { line, fields: this.fields };
    if (this.dropped) record.error = "record_too_long";
    else if (this.stray) record.error = "stray_quote";
    this.reset();
    return record;
  }

  /** Close the record as an unterminated quote whose text up to its first line break is `text`. */
  abandon(text: string, line: number): CsvRecord {
    if (!this.dropped) this.fields.push(text);
    const record: CsvRecord = { line, fields: this.fields, error: "unterminated_quote" };
    this.reset();
    return record;
  }

  reset(): void {
    this.fields = [];
    this.partial = "";
    this.stray = false;
    this.chars = 0;
    this.dropped = false;
  }

  private drop(): void {
    this.dropped = true;
    this.fields = [];
    this.partial = "";
  }
}
