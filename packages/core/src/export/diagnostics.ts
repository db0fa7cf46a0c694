import { logger } from './config';

export type DropReason =
  | 'queue_full'
  | 'delivery_failed'
  | 'too_large'
  | 'mapping_failed'
  | 'hook_failed'
  | 'after_shutdown';

const REPORT_INTERVAL_MS = 60_000;

/** Counts losses and reports them through `diag` at most once per interval, never per span. */
export class DropCounter {
  private readonly pending = new Map<DropReason, number>();
  private readonly totals = new Map<DropReason, number>();
  private lastReport = 0;
  private lastReason = '';

  add(reason: DropReason, count = 1, detail?: string): void {
    if (count <= 0) return;
    this.pending.set(reason, (this.pending.get(reason) ?? 0) + count);
    this.totals.set(reason, (this.totals.get(reason) ?? 0) + count);
    if (detail) this.lastReason = detail;
    this.maybeReport();
  }

  /** Total dropped for a reason since start (for tests and status). */
  total(reason: DropReason): number {
    return this.totals.get(reason) ?? 0;
  }

  maybeReport(force = false): void {
    if (!this.pending.size) return;
    const now = Date.now();
    if (!force && now - this.lastReport < REPORT_INTERVAL_MS) return;
    this.lastReport = now;
    const parts = [...this.pending.entries()].map(
      ([reason, count]) => `${count} ${reason.replace('_', ' ')}`,
    );
    this.pending.clear();
    logger.warn(
      `LLM analytics events lost: ${parts.join(', ')}${this.lastReason ? ` (last: ${this.lastReason})` : ''}`,
    );
  }
}
