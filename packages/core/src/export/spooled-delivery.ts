import type { ExportPipeline } from './export-pipeline';
import type { OutgoingRequest } from './http-sender';
import type { PreparedRequests } from './payload';
import { MAX_REQUEST_BYTES } from './config';
import type { Spool } from './spool';
import { mergeSpooled } from './spool-batch';
import { WARNING_CODES, warnLoudly } from './warnings';

/** How a pass over the spool ended. */
export type SpoolPassResult = 'empty' | 'unreachable' | 'unusable';

/**
 * Delivery through a spool: prepared requests are written to it before their first attempt,
 * then sent oldest first and removed only once the server acknowledged them. When the spool
 * fails (read-only or full disk) it is given up with one warning and the caller goes back to
 * in-memory delivery.
 */
export class SpooledDelivery {
  private unusable = false;

  constructor(
    private readonly pipeline: ExportPipeline,
    private readonly spool: Spool,
  ) {}

  /** False once the spool failed: the caller delivers from memory, as without a spool. */
  get active(): boolean {
    return !this.unusable;
  }

  /** Write requests to the spool; false (nothing lost, nothing written) when it failed. */
  async store(prepared: PreparedRequests): Promise<boolean> {
    if (this.unusable) return false;
    if (prepared.dropped)
      this.pipeline.drops.add(
        'too_large',
        prepared.dropped,
        'an item exceeded the request size limit after truncation',
      );
    if (!prepared.requests.length) return true;
    try {
      const { evictedItems } = await this.spool.append(prepared.requests);
      if (evictedItems)
        this.pipeline.drops.add(
          'spool_full',
          evictedItems,
          `the spool in ${this.spool.location} reached spoolMaxBytes; the oldest events were dropped`,
        );
      return true;
    } catch (error) {
      this.giveUp(error);
      return false;
    }
  }

  /**
   * Send what the spool holds, oldest first, until it is empty, the server is unreachable (the
   * request stays for the next pass) or the spool fails. Never rejects.
   */
  async deliverAll(): Promise<SpoolPassResult> {
    for (;;) {
      if (this.unusable) return 'unusable';
      let read;
      try {
        read = await this.spool.next(this.pipeline.config.maxBatchSize);
      } catch (error) {
        this.giveUp(error);
        return 'unusable';
      }
      if (read.corrupt)
        this.pipeline.drops.add(
          'spool_corrupt',
          Math.max(read.corrupt, read.corruptItems),
          `${read.corrupt} corrupt or partial spool record(s) in ${this.spool.location} skipped: ${read.corruptReason ?? 'unreadable'}`,
        );
      if (!read.entries.length) return 'empty';
      // Small records (written soon after their spans ended) go out as full batches.
      const { request: merged, count } = mergeSpooled(
        read.entries.map((entry) => entry.request),
        this.pipeline.config.maxBatchSize,
        MAX_REQUEST_BYTES,
      );
      const request: OutgoingRequest = { ...merged };
      // A retriable failure leaves the records on disk; anything else (acknowledged, or refused
      // for good and counted by the pipeline) takes them off.
      const outcome = await this.pipeline.deliver({ requests: [request], dropped: 0 }, () => {});
      if (outcome.parked) return 'unreachable';
      try {
        for (const entry of read.entries.slice(0, count)) await this.spool.remove(entry);
      } catch (error) {
        this.giveUp(error);
        return 'unusable';
      }
    }
  }

  /** Release the spool's locks and timers; what it holds stays for the next process. */
  async close(): Promise<void> {
    try {
      await this.spool.close();
    } catch {
      // Closing releases a lock file at most: a later process takes the records over anyway.
    }
  }

  private giveUp(error: unknown): void {
    if (this.unusable) return;
    this.unusable = true;
    warnLoudly(
      WARNING_CODES.spoolFailed,
      `the spool in ${this.spool.location} failed (${String((error as Error)?.message ?? error)}): ` +
        'events are kept in memory only from now on, as without spoolDir; what the spool already ' +
        'holds is delivered by the next process that starts with it.',
      this.pipeline.config.warnings,
    );
  }
}
