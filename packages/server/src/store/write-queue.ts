/**
 * Groups writes from concurrent requests into one flush: a transaction per request would
 * pay a WAL fsync per request, one per flush amortises it over everything queued meanwhile.
 * A flush starts after `delayMs` or as soon as `maxItems` are queued; while one runs, new
 * items wait for the next. Every `enqueue` settles with the outcome of the flush that
 * carried its item, so callers acknowledge only what was durably written; when a grouped
 * flush fails, each item is retried alone so one bad item fails only its own caller.
 * With `maxInFlight` 2 a store can pipeline: prepare the next flush while the previous one
 * commits (the store keeps the commits in flush order).
 */
export interface WriteQueueOptions<T> {
  /** Write the items in one go; resolves once they are durable. */
  flush: (items: T[]) => Promise<void>;
  /** Size of an item (e.g. events in a batch), for `maxItems`; default 1. */
  sizeOf?: (item: T) => number;
  maxItems: number;
  delayMs: number;
  /** Flushes running at once (default 1); they start in queue order. */
  maxInFlight?: number;
}

interface Waiter<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class WriteQueue<T> {
  private queued: Array<Waiter<T>> = [];
  private queuedSize = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: WriteQueueOptions<T>) {}

  /** Queue an item; resolves when the flush that carries it has committed. */
  enqueue(item: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('write queue is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      this.queuedSize += this.options.sizeOf?.(item) ?? 1;
      this.schedule();
    });
  }

  /** Resolves when everything queued before the call has been flushed (or failed). */
  async drain(): Promise<void> {
    while (this.running.size || this.queued.length) {
      if (this.queued.length) this.start();
      await Promise.all([...this.running]);
    }
  }

  /** Flush what is queued and refuse new items. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  /**
   * A flush that carried items of several callers failed: write each item on its own, so an
   * item the store can't write fails its caller only, not every request it was grouped with.
   */
  private async flushEachAlone(batch: Array<Waiter<T>>, error: unknown): Promise<void> {
    if (batch.length === 1) {
      batch[0]!.reject(error);
      return;
    }
    for (const waiter of batch) {
      try {
        await this.options.flush([waiter.item]);
        waiter.resolve();
      } catch (itemError) {
        waiter.reject(itemError);
      }
    }
  }

  private get full(): boolean {
    return this.running.size >= (this.options.maxInFlight ?? 1);
  }

  private schedule(): void {
    if (this.full) return; // a running flush starts the next one when it ends
    if (this.queuedSize >= this.options.maxItems) {
      this.start();
      return;
    }
    if (this.timer) return;
    // Not unref'd: someone awaits this write, so the process must stay up until it lands.
    this.timer = setTimeout(() => this.start(), this.options.delayMs);
  }

  private start(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.full || this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    this.queuedSize = 0;
    const flushing: Promise<void> = this.options
      .flush(batch.map((waiter) => waiter.item))
      .then(
        () => batch.forEach((waiter) => waiter.resolve()),
        (error: unknown) => this.flushEachAlone(batch, error),
      )
      .finally(() => {
        this.running.delete(flushing);
        // Whatever queued up meanwhile has already waited a whole flush: write it now.
        if (this.queued.length) this.start();
      });
    this.running.add(flushing);
  }
}
