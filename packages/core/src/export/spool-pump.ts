import { backoffDelay, unref } from './backoff';
import type { SpooledDelivery } from './spooled-delivery';

/** Shortest pause after a pass that found the server unreachable. */
const MIN_PASS_DELAY_MS = 1000;

/**
 * Passes over a spool for the exporter, which has no rounds of its own: one pass at a time,
 * started when requests were stored, and again after a growing pause while the server is
 * unreachable (its timer never keeps the process alive).
 */
export class SpoolPump {
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private failedPasses = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly delivery: SpooledDelivery,
    private readonly retryBaseDelayMs: number,
    private readonly retryMaxDelayMs: number,
  ) {}

  /** Start a pass after the one under way (one queued pass serves every call meanwhile). */
  kick(): Promise<void> {
    if (this.queued) return this.running;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      const result = await this.delivery.deliverAll();
      if (result !== 'unreachable') {
        this.failedPasses = 0;
        return;
      }
      this.failedPasses++;
      if (this.stopped) return;
      const delay = backoffDelay(
        this.failedPasses,
        Math.max(MIN_PASS_DELAY_MS, this.retryBaseDelayMs),
        Math.max(MIN_PASS_DELAY_MS, this.retryMaxDelayMs),
      );
      this.timer = setTimeout(() => void this.kick(), delay);
      unref(this.timer);
    });
    return this.running;
  }

  /** No pass is scheduled any more (the one under way finishes). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
