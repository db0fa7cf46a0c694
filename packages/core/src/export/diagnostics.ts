import { WARNING_CODES, warnLoudly } from './warnings';

export type DropReason =
  | 'queue_full'
  | 'delivery_failed'
  | 'too_large'
  | 'mapping_failed'
  | 'hook_failed'
  | 'after_shutdown'
  /** Beyond `spoolMaxBytes`, the oldest spooled events. */
  | 'spool_full'
  /** Spool records a crash left partial or a disk corrupted. */
  | 'spool_corrupt';

const REPORT_INTERVAL_MS = 60_000;

/** Counts losses and reports them (`diag`, a process warning) at most once per interval, never per span. */
export class DropCounter {
  private readonly pending = new Map<DropReason, number>();
  private readonly totals = new Map<DropReason, number>();
  private lastReport = 0;
  private lastReason = '';

  /** `warnings`: also print the report as a process warning (it always goes to `diag`). */
  constructor(private readonly warnings = true) {}

  /** Whether a pending loss has no warning of its own yet (a refused token has one). */
  private pendingUnexplained = false;

  /** `explained`: the cause was already printed (token refused, host unreachable). */
  add(reason: DropReason, count = 1, detail?: string, explained = false): void {
    if (count <= 0) return;
    if (!explained) this.pendingUnexplained = true;
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
    const print = this.warnings && this.pendingUnexplained;
    this.pendingUnexplained = false;
    warnLoudly(
      WARNING_CODES.eventsDropped,
      `LLM analytics events lost: ${parts.join(', ')}${this.lastReason ? ` (last: ${this.lastReason})` : ''}`,
      print,
    );
  }
}
