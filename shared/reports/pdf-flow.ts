/**
 * A small top-down page flow for A4 reports, pure: it places text, rules, boxes and tables on
 * pages and starts a new page when the next block would cross the bottom margin (a table repeats
 * its header there). The result is a list of drawing operations per page in PDF points, origin
 * bottom-left, which monthly-pdf.ts paints with pdf-lib and the tests read back as text. Every
 * string is reduced to WinAnsi first (pdf-text.ts), so measuring and drawing never throw.
 */
import { fitText, winAnsi, wrapText } from "./pdf-text";

export type Rgb = readonly [number, number, number];
export type Op =
  | { kind: "text"; x: number; y: number; text: string; size: number; bold: boolean; color: Rgb }
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill: Rgb | null; stroke: Rgb | null }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; width: number; color: Rgb };
export type Page = { ops: Op[] };
/** Width in points of `text` at `size` in Helvetica (bold or not). */
export type Measure = (text: string, size: number, bold: boolean) => number;

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 40, right: 40, top: 42, bottom: 54 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK: Rgb = [0.12, 0.16, 0.22];
export const MUTED: Rgb = [0.42, 0.45, 0.5];
export const ACCENT: Rgb = [0.11, 0.29, 0.49];
export const RULE: Rgb = [0.82, 0.85, 0.89];
export const HEAD_FILL: Rgb = [0.91, 0.94, 0.97];
export const ZEBRA: Rgb = [0.97, 0.98, 0.99];

/** `maxWidth` cuts the text with "…", or with `shrink` makes it smaller instead (a figure must never be cut). */
export type TextStyle = { size?: number; bold?: boolean; color?: Rgb; align?: "left" | "right" | "center"; maxWidth?: number; shrink?: boolean };
/** A table column: a fixed width or a share of what the fixed ones leave; "\n" in a label breaks the header line. */
export type Column = { label: string; width?: number; align?: "left" | "right" };
export type Row = { cells: readonly string[]; bold?: boolean };
/** `wrap`: the index of a column whose text may take two lines (the row grows); `onBreak` draws above a continued table. */
export type TableOptions = { size?: number; rowHeight?: number; wrap?: number; onBreak?: () => void };

export class Flow {
  readonly pages: Page[] = [];
  /** The top of the free space on the current page. */
  y = 0;
  /** The page drawn on: the last one while flowing, each in turn while `finish` adds footers. */
  private current = 0;

  constructor(private readonly measure: Measure) {
    this.newPage();
  }

  get ops(): Op[] {
    return this.pages[this.current]!.ops;
  }

  newPage(): void {
    this.pages.push({ ops: [] });
    this.current = this.pages.length - 1;
    this.y = A4.height - MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin; true when it did. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN.bottom) return false;
    this.newPage();
    return true;
  }

  /** Draws one line of text with its baseline at `y`; `x` is its left, right or centre point by `align`. */
  text(value: string, x: number, y: number, style: TextStyle = {}): void {
    let size = style.size ?? 9;
    const bold = style.bold ?? false;
    let text = winAnsi(value);
    if (style.maxWidth !== undefined && style.shrink) size = Math.min(size, (size * style.maxWidth) / Math.max(1, this.measure(text, size, bold)));
    else if (style.maxWidth !== undefined) text = fitText(text, style.maxWidth, (t) => this.measure(t, size, bold));
    if (!text) return;
    const w = this.measure(text, size, bold);
    const left = style.align === "right" ? x - w : style.align === "center" ? x - w / 2 : x;
    this.ops.push({ kind: "text", x: left, y, text, size, bold, color: style.color ?? INK });
  }

  /** A paragraph line at the left margin, moving the flow down by its leading. */
  line(value: string, style: TextStyle = {}, leading = (style.size ?? 9) * 1.45): void {
    this.ensure(leading);
    this.y -= leading;
    this.text(value, MARGIN.left, this.y + leading * 0.28, { maxWidth: CONTENT_WIDTH, ...style });
  }

  rule(color: Rgb = RULE, width = 0.6): void {
    this.ops.push({ kind: "line", x1: MARGIN.left, y1: this.y, x2: A4.width - MARGIN.right, y2: this.y, width, color });
  }

  rect(x: number, y: number, w: number, h: number, fill: Rgb | null, stroke: Rgb | null = null): void {
    this.ops.push({ kind: "rect", x, y, w, h, fill, stroke });
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A table across the content width; rows that do not fit go to the next page under a repeated header. */
  table(columns: readonly Column[], rows: readonly Row[], opts: TableOptions = {}): void {
    const size = opts.size ?? 7.5;
    const rowH = opts.rowHeight ?? size * 1.9;
    const fixed = columns.reduce((t, c) => t + (c.width ?? 0), 0);
    const flex = columns.filter((c) => c.width === undefined).length;
    const widths = columns.map((c) => c.width ?? (CONTENT_WIDTH - fixed) / Math.max(1, flex));
    const lefts = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((t, w) => t + w, 0));
    const headLines = Math.max(...columns.map((c) => c.label.split("\n").length));
    const headH = headLines * (size + 1.5) + 6;
    const pad = 3.5;
    const header = () => {
      this.rect(MARGIN.left, this.y - headH, CONTENT_WIDTH, headH, HEAD_FILL);
      columns.forEach((c, i) => {
        const lines = c.label.split("\n");
        lines.forEach((l, j) => {
          const baseline = this.y - 3 - (headLines - lines.length + j + 1) * (size + 1.5) + 1.5;
          const right = c.align === "right";
          this.text(l, right ? lefts[i]! + widths[i]! - pad : lefts[i]! + pad, baseline, { size: size - 0.5, bold: true, color: ACCENT, align: right ? "right" : "left", maxWidth: widths[i]! - 2 * pad, shrink: true });
        });
      });
      this.y -= headH;
    };
    if (this.ensure(headH + rowH)) opts.onBreak?.();
    header();
    const lineH = size * 1.2;
    rows.forEach((row, r) => {
      const bold = row.bold ?? false;
      const cells = row.cells.map((cell, i) => (i === opts.wrap ? wrapText(winAnsi(cell), widths[i]! - 2 * pad, (t) => this.measure(t, size, bold), 2) : [cell]));
      const h = rowH + (Math.max(...cells.map((l) => l.length)) - 1) * lineH;
      if (this.ensure(h)) {
        opts.onBreak?.();
        header();
      }
      if (r % 2 === 1) this.rect(MARGIN.left, this.y - h, CONTENT_WIDTH, h, ZEBRA);
      columns.forEach((c, i) => {
        const right = c.align === "right";
        const lines = cells[i] ?? [""];
        // The lines of a cell centred in the row, one under the other.
        const first = this.y - h / 2 + ((lines.length - 1) * lineH) / 2 - size * 0.35;
        lines.forEach((text, j) => {
          this.text(text, right ? lefts[i]! + widths[i]! - pad : lefts[i]! + pad, first - j * lineH, { size, bold, align: right ? "right" : "left", maxWidth: widths[i]! - 2 * pad, shrink: right });
        });
      });
      this.y -= h;
    });
    this.rule();
  }

  /** Adds `draw(page, index, count)` to every page once the flow is done (footers: "Página 2 de 3"). */
  finish(draw: (flow: Flow, index: number, count: number) => void): Page[] {
    const count = this.pages.length;
    for (let i = 0; i < count; i++) {
      this.current = i;
      draw(this, i, count);
    }
    return this.pages;
  }
}
