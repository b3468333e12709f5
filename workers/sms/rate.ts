/**
 * The throughput limit of each SMS connection (S1: ratePerSecond, counted in requests, i.e.
 * parts for Kannel): a window per connection and second in D1 `send_windows` (scope
 * "sms:<connection>:s"), claimed with the email throttle's atomic insert-or-increment
 * (workers/email/send-windows.ts). A gate claims up to the second's limit at once for the
 * requests it still has, hands them out one at a time, and sleeps to the next second when the
 * window is spent. Claims are atomic, so consumers running side by side together stay under
 * the limit too; a claim left unused at the end of a batch is given back. The cron prunes old
 * windows with the email ones.
 */
import { claimWindows, releaseWindows } from "../email/send-windows";

const SECOND = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RateGate {
  private allowance = 0;
  private window = -1;
  private turn: Promise<unknown> = Promise.resolve();

  /** `pending`: how many requests this gate will be asked for (never claims more). */
  constructor(
    private readonly db: D1Database,
    private readonly connectionId: string,
    private readonly perSecond: number,
    private pending: number,
  ) {}

  /** `n` more requests will be asked for. */
  expect(n: number): void {
    this.pending += n;
  }

  private get scope() {
    return `sms:${this.connectionId}:s`;
  }

  /**
   * Resolves when one more request may go out now. Callers may await it concurrently: they are
   * served one at a time.
   * @example await gate.take(); await fetch(…)
   */
  take(): Promise<void> {
    const run = this.turn.then(() => this.next());
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async next(): Promise<void> {
    for (;;) {
      const now = Date.now();
      const window = now - (now % SECOND);
      if (window !== this.window) [this.window, this.allowance] = [window, 0];
      if (this.allowance > 0) {
        this.allowance--;
        this.pending = Math.max(0, this.pending - 1);
        return;
      }
      const want = Math.max(1, Math.min(this.pending, this.perSecond));
      this.allowance = await claimWindows(this.db, [{ scope: this.scope, window, limit: this.perSecond }], want);
      if (this.allowance === 0) await sleep(window + SECOND - Date.now() + 1);
    }
  }

  /** Give back what was claimed for the current second and not used. */
  async close(): Promise<void> {
    await this.turn;
    if (this.allowance > 0) await releaseWindows(this.db, [{ scope: this.scope, window: this.window, limit: this.perSecond }], this.allowance);
    this.allowance = 0;
  }
}
