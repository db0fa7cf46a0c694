import type { Context } from '@opentelemetry/api';
import { isAISpan } from '../filter/is-ai-span';
import {
  spanRecordFromReadableSpan,
  type ReadableSpanLike,
} from '../span-record/from-readable-span';
import type { SpanRecord } from '../types';
import { backoffDelay, unref } from './backoff';
import { logger, resolveConfig } from './config';
import { ExportPipeline, type ExportOutcome } from './export-pipeline';
import { flushWithDeadline } from './flush-deadline';
import type { OutgoingRequest } from './http-sender';
import { ContentLogBuffer } from './log-buffer';
import { SpooledDelivery } from './spooled-delivery';
import { withTracingSuppressed } from './suppress';
import type { ReadableLogRecordLike } from '../span-record/from-log-record';
import type {
  PostHogExportOptions,
  SyncFlushRequest,
  SyncFlushResult,
  SyncFlushSender,
} from './types';

/** The structural parts of the SDK's `Span` / `ReadableSpan` the processor touches. */
export interface ProcessorSpan extends ReadableSpanLike {
  spanContext(): { traceId: string; spanId: string; traceFlags?: number };
}

/** `TraceFlags.SAMPLED`: a span that is only recorded (sampler RECORD) is not exported. */
const SAMPLED_FLAG = 1;

/** The SDK `Resource`'s async-attribute members (absent from older SDKs and other providers). */
interface ResourceLike {
  asyncAttributesPending?: boolean;
  waitForAsyncAttributes?: () => Promise<void>;
}

interface QueuedSpan {
  span: ProcessorSpan;
  traceId: string;
  queuedAt: number;
}

/** How long the flush on process exit may keep a finished script alive. */
const EXIT_GRACE_MS = 3_000;

/** Shortest wait before retrying after a round that found the server unreachable. */
const MIN_ROUND_DELAY_MS = 1000;

/**
 * With a spool, how soon an ended span (of a finished trace) is written to disk: the window in
 * which a crash can still lose it. Shorter than `flushIntervalMs`, which batches the sending.
 */
const SPOOL_DELAY_MS = 100;

/** Traces whose open-span count is tracked at most; the oldest are forgotten first. */
const MAX_TRACKED_TRACES = 10_000;

type ProcessLike = {
  once?: (event: string, listener: () => void) => void;
  off?: (event: string, listener: () => void) => void;
};

function scopeNameOf(span: ReadableSpanLike): string | undefined {
  return span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
}

/**
 * An OpenTelemetry `SpanProcessor` that turns AI spans into `$ai_*` events (or forwards them
 * as OTLP). `onEnd` only filters and enqueues; mapping and I/O happen at export time.
 * Works with `NodeSDK({ spanProcessors })`, `BasicTracerProvider`, `WebTracerProvider`.
 */
export class PostHogSpanProcessor {
  private readonly pipeline: ExportPipeline | undefined;
  /** With a `spool`: requests go to disk before their first attempt and leave it after a 2xx. */
  private readonly spooled: SpooledDelivery | undefined;
  /** Moving queued spans to the spool runs apart from delivery, so retries never delay it. */
  private spoolChain: Promise<void> = Promise.resolve();
  private spoolTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly queue: QueuedSpan[] = [];
  private readonly openSpans = new Map<string, number>();
  private readonly logs = new ContentLogBuffer();
  private readonly inFlight = new Set<Promise<unknown>>();
  /**
   * Requests whose delivery failed for a retriable reason (server down, 429, 5xx gateway)
   * after every attempt: kept, oldest first, and retried in later rounds instead of dropped.
   */
  private readonly parked: OutgoingRequest[] = [];
  private parkedItems = 0;
  /** Spans (or parked items) taken by the export in progress. */
  private exportingItems = 0;
  /** Consecutive rounds that ended with the server unreachable, and when to try again. */
  private failedRounds = 0;
  private retryAt = 0;
  /** Export work runs one drain at a time, so what is in flight stays bounded. */
  private chain: Promise<void> = Promise.resolve();
  private drainQueued = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The armed timer fires at once: spans ending meanwhile need not re-arm it. */
  private timerIsImmediate = false;
  private isShutdown = false;
  private shutdownPromise: Promise<void> | undefined;
  private exiting = false;
  private readonly onBeforeExit = (): void => {
    this.exiting = false;
    // Best effort within a short grace period: a script must still exit when the server is down.
    void this.flushWithin(Math.min(EXIT_GRACE_MS, this.pipeline?.config.flushTimeoutMs ?? 0));
  };

  constructor(private readonly options: PostHogExportOptions = {}) {
    let config;
    try {
      config = resolveConfig(options ?? {});
    } catch (error) {
      logger.error(`invalid options; LLM analytics export is disabled: ${String(error)}`);
    }
    this.pipeline = config ? new ExportPipeline(config, options ?? {}) : undefined;
    if (this.pipeline && options?.spool) {
      this.spooled = new SpooledDelivery(this.pipeline, options.spool);
      // Deliver what an earlier process left in the spool, even if no span ever ends here.
      this.schedule(0);
    }
  }

  /** Whether the processor exports (a token and a usable host were found). */
  get enabled(): boolean {
    return this.pipeline !== undefined && !this.isShutdown;
  }

  onStart(span: ProcessorSpan, _parentContext?: Context): void {
    if (!this.pipeline || this.isShutdown) return;
    try {
      const traceId = span.spanContext().traceId;
      this.openSpans.set(traceId, (this.openSpans.get(traceId) ?? 0) + 1);
      if (this.openSpans.size > MAX_TRACKED_TRACES)
        this.openSpans.delete(this.openSpans.keys().next().value as string);
    } catch {
      // Bookkeeping only: a span we cannot read is simply not tracked.
    }
  }

  onEnd(span: ProcessorSpan): void {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    try {
      const spanContext = span.spanContext();
      const traceId = spanContext.traceId;
      const open = this.openSpans.get(traceId);
      if (open !== undefined) {
        if (open <= 1) this.openSpans.delete(traceId);
        else this.openSpans.set(traceId, open - 1);
      }
      // As BatchSpanProcessorBase does: a span recorded but not sampled is not exported.
      if (
        typeof spanContext.traceFlags === 'number' &&
        (spanContext.traceFlags & SAMPLED_FLAG) === 0
      )
        return;
      if (!isAISpan(scopeNameOf(span), span.attributes, span.name)) return;
      if (this.isShutdown) {
        pipeline.drops.add('after_shutdown');
        return;
      }
      if (this.held() >= pipeline.config.maxQueueSize && !this.makeRoom(pipeline)) return;
      this.queue.push({ span, traceId, queuedAt: Date.now() });
      this.armExitFlush();
      if (this.spooled?.active) this.armSpoolTimer();
      if (pipeline.config.exportMode === 'immediate') this.schedule(0);
      else if (this.queue.length >= pipeline.config.maxBatchSize) this.schedule(0);
      else this.schedule(pipeline.config.flushIntervalMs);
    } catch (error) {
      logger.debug(`onEnd ignored a span it could not read: ${String(error)}`);
    }
  }

  /** Spans and items held: queued, being exported, or kept for a retry. `maxQueueSize` caps it. */
  private held(): number {
    return this.queue.length + this.exportingItems + this.parkedItems;
  }

  /**
   * Drop the oldest queued span, or else the oldest request kept for a retry, to make room;
   * false (and the new span is dropped) when everything held is being exported right now.
   */
  private makeRoom(pipeline: ExportPipeline): boolean {
    const detail = `queue of ${pipeline.config.maxQueueSize} spans is full`;
    if (this.queue.length) {
      this.queue.shift();
      pipeline.drops.add('queue_full', 1, detail);
      return true;
    }
    const oldest = this.parked.shift();
    pipeline.drops.add('queue_full', oldest?.items ?? 1, detail);
    if (!oldest) return false;
    this.parkedItems -= oldest.items;
    return true;
  }

  /**
   * A content log record for a span (from `PostHogLogRecordProcessor`). Kept until the span
   * is exported, within count and age bounds.
   */
  attachLogRecord(spanId: string, record: ReadableLogRecordLike): void {
    if (!this.pipeline || this.isShutdown) return;
    this.logs.add(spanId, record);
  }

  /** Flush when the event loop empties (a script that never calls shutdown). */
  private armExitFlush(): void {
    if (this.exiting) return;
    const proc = (globalThis as { process?: ProcessLike }).process;
    if (typeof proc?.once !== 'function') return;
    this.exiting = true;
    proc.once('beforeExit', this.onBeforeExit);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) {
      // Called from onEnd for every span past a full batch: re-arming each time would cost a
      // clearTimeout and a setTimeout per span.
      if (delayMs > 0 || this.timerIsImmediate) return;
      clearTimeout(this.timer);
    }
    this.timerIsImmediate = delayMs === 0;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.spooled?.active) void this.track(this.spoolQueued(false));
      void this.track(this.kick(false));
    }, delayMs);
    unref(this.timer);
  }

  /** Write ready spans to the spool soon, whatever the delivery is doing. */
  private armSpoolTimer(): void {
    if (this.spoolTimer !== undefined) return;
    this.spoolTimer = setTimeout(() => {
      this.spoolTimer = undefined;
      void this.track(this.spoolQueued(false));
      // Spans of a trace still open are written once it ends (or has waited traceWaitMs).
      if (this.queue.length && !this.isShutdown) this.armSpoolTimer();
    }, SPOOL_DELAY_MS);
    unref(this.spoolTimer);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  /**
   * Spans ready to go, in order: their trace has no open span left, or they waited long
   * enough. At most `limit`, except that the rest of a trace already taken comes along (up to
   * `hardLimit`), so a batch boundary rarely splits a trace.
   */
  private takeReady(force: boolean, limit: number, hardLimit: number): QueuedSpan[] {
    const config = this.pipeline!.config;
    const all = force || config.exportMode === 'immediate' || config.traceWaitMs === 0;
    const now = Date.now();
    const ready: QueuedSpan[] = [];
    const waiting: QueuedSpan[] = [];
    const traces = new Set<string>();
    for (const item of this.queue) {
      const isReady =
        all || !this.openSpans.has(item.traceId) || now - item.queuedAt >= config.traceWaitMs;
      const fits = ready.length < limit || (ready.length < hardLimit && traces.has(item.traceId));
      if (isReady && fits) {
        ready.push(item);
        traces.add(item.traceId);
      } else waiting.push(item);
    }
    if (ready.length) this.queue.splice(0, this.queue.length, ...waiting);
    return ready;
  }

  private toRecords(items: readonly QueuedSpan[]): SpanRecord[] {
    const records: SpanRecord[] = [];
    for (const item of items) {
      try {
        const record = spanRecordFromReadableSpan(item.span);
        if (this.logs.count) record.logs = this.logs.take(record.spanId);
        records.push(record);
      } catch (error) {
        this.pipeline!.drops.add('mapping_failed', 1, `unreadable span: ${String(error)}`);
      }
    }
    return records;
  }

  /**
   * Queue a drain after the work already queued. `force` takes every span (not waiting for the
   * rest of its trace) and retries kept requests now; `final` (shutdown) drops what still
   * fails instead of keeping it. Never rejects.
   */
  private kick(force: boolean, final = false): Promise<void> {
    if (!force) {
      // One queued drain serves every timer that fires before it starts.
      if (this.drainQueued) return this.chain;
      this.drainQueued = true;
    }
    this.chain = this.chain
      .then(() => {
        if (!force) this.drainQueued = false;
        return this.drain(force, final);
      })
      .catch((error: unknown) => logger.warn(`export failed: ${String(error)}`));
    return this.chain;
  }

  /**
   * Export what is ready, one batch at a time: kept requests first (oldest first), then queued
   * spans. When the server proves unreachable the round stops; the rest waits, within the
   * queue bound, for the next round after a backoff.
   */
  private async drain(force: boolean, final: boolean): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    const config = pipeline.config;
    if (this.spooled?.active && (await this.drainSpooled(this.spooled, force))) return;
    if (!force && this.failedRounds && Date.now() < this.retryAt) {
      this.schedule(this.retryAt - Date.now());
      return;
    }
    const keep = final ? undefined : (request: OutgoingRequest) => this.park(request, false);
    while (this.parked.length) {
      const request = this.parked.shift()!;
      this.parkedItems -= request.items;
      const outcome = await this.exporting(request.items, () =>
        // Back at the head of the line if it fails again.
        pipeline.deliver(
          { requests: [request], dropped: 0 },
          final ? undefined : (again) => this.park(again, true),
        ),
      );
      if (outcome.parked) return this.roundFailed();
    }
    for (;;) {
      // One request's worth at a time, mapped in slices of a few ms (ExportPipeline.prepareSliced).
      const ready = this.takeReady(force, config.maxBatchSize, config.maxBatchSize * 10);
      if (!ready.length) break;
      await this.settleResources(ready);
      const outcome = await this.exporting(ready.length, () =>
        pipeline.export(this.toRecords(ready), keep),
      );
      if (outcome.parked) return this.roundFailed();
    }
    this.failedRounds = 0;
    if (this.queue.length && !this.isShutdown)
      this.schedule(Math.min(config.flushIntervalMs, config.traceWaitMs || config.flushIntervalMs));
    const evictedBefore = this.logs.evicted;
    this.logs.sweep();
    if (this.logs.evicted > evictedBefore)
      logger.debug(
        `${this.logs.evicted - evictedBefore} content log record(s) expired without their span`,
      );
  }

  /**
   * The drain with a spool: queued spans go to disk, then the spool is delivered oldest first.
   * False when the spool failed on the way: the in-memory drain takes over.
   */
  private async drainSpooled(spooled: SpooledDelivery, force: boolean): Promise<boolean> {
    await this.spoolQueued(force);
    if (!spooled.active) return false;
    const config = this.pipeline!.config;
    if (!force && this.failedRounds && Date.now() < this.retryAt) {
      // Keep moving new spans to disk during the pause, not only once it ends.
      this.schedule(Math.min(this.retryAt - Date.now(), config.flushIntervalMs));
      return true;
    }
    const result = await spooled.deliverAll();
    if (result === 'unusable') return false;
    if (result === 'unreachable') {
      this.roundFailed();
      return true;
    }
    this.failedRounds = 0;
    if (this.queue.length && !this.isShutdown)
      this.schedule(Math.min(config.flushIntervalMs, config.traceWaitMs || config.flushIntervalMs));
    return true;
  }

  /** Move the ready queued spans (all with `force`) to the spool, after what is being moved. */
  private spoolQueued(force: boolean): Promise<void> {
    this.spoolChain = this.spoolChain
      .then(async () => {
        const pipeline = this.pipeline!;
        const config = pipeline.config;
        for (;;) {
          const ready = this.takeReady(force, config.maxBatchSize, config.maxBatchSize * 10);
          if (!ready.length) return;
          await this.settleResources(ready);
          await this.exporting(ready.length, async () => {
            const prepared = await pipeline.tryPrepare(this.toRecords(ready));
            if (prepared && !(await this.spooled!.store(prepared)))
              // The spool just failed: these go out from memory, as without one.
              return pipeline.deliver(prepared, (request) => this.park(request, false));
            return { delivered: 0, failed: 0, parked: 0 };
          });
        }
      })
      .catch((error: unknown) => logger.warn(`spooling failed: ${String(error)}`));
    return this.spoolChain;
  }

  /**
   * Wait for resources still resolving async attributes (detectors), as the SDK's batch
   * processor does: reading them earlier misses those attributes and logs an error.
   */
  private async settleResources(items: readonly QueuedSpan[]): Promise<void> {
    const pending = new Set<ResourceLike>();
    for (const item of items) {
      const resource = item.span.resource as ResourceLike | undefined;
      if (resource?.asyncAttributesPending && typeof resource.waitForAsyncAttributes === 'function')
        pending.add(resource);
    }
    if (!pending.size) return;
    await Promise.all(
      [...pending].map((resource) =>
        Promise.resolve()
          .then(() => resource.waitForAsyncAttributes!())
          .catch((error: unknown) =>
            logger.debug(`a resource's async attributes failed: ${String(error)}`),
          ),
      ),
    );
  }

  /** Count `items` as held while `run` exports them. */
  private async exporting(
    items: number,
    run: () => Promise<ExportOutcome>,
  ): Promise<ExportOutcome> {
    this.exportingItems += items;
    try {
      return await run();
    } finally {
      this.exportingItems -= items;
    }
  }

  private park(request: OutgoingRequest, first: boolean): void {
    if (first) this.parked.unshift(request);
    else this.parked.push(request);
    this.parkedItems += request.items;
  }

  /** The server was unreachable: try again after a backoff that grows with each failed round. */
  private roundFailed(): void {
    const config = this.pipeline!.config;
    this.failedRounds++;
    const delay = backoffDelay(
      this.failedRounds,
      Math.max(MIN_ROUND_DELAY_MS, config.retryBaseDelayMs),
      Math.max(MIN_ROUND_DELAY_MS, config.retryMaxDelayMs),
    );
    this.retryAt = Date.now() + delay;
    if (!this.isShutdown) this.schedule(delay);
  }

  /**
   * For page unload (`pagehide`, a hidden tab), where only work started synchronously survives:
   * takes every queued span (not waiting for the rest of its trace), every request kept for a
   * retry and every request not yet handed to `fetch`, and offers each request, uncompressed
   * and at most `maxRequestBytes` (default 4 MiB) long, to `send`. Requests `send` refuses go through the normal transport.
   * Each span is taken exactly once, so a second call (pagehide after visibilitychange) sends
   * nothing twice. Never throws.
   */
  flushSync(send: SyncFlushSender, options: { maxRequestBytes?: number } = {}): SyncFlushResult {
    const result: SyncFlushResult = { sent: 0, deferred: 0 };
    const pipeline = this.pipeline;
    if (!pipeline) return result;
    try {
      const taken = [...this.parked.splice(0), ...pipeline.takeUnsent()];
      this.parkedItems = 0;
      // Spans whose sliced preparation is under way come along: that preparation stops.
      const records = [...pipeline.takePreparing(), ...this.toRecords(this.queue.splice(0))];
      if (records.length) {
        const maxBytes = options.maxRequestBytes;
        const prepared = pipeline.prepare(records, maxBytes);
        if (prepared.dropped)
          pipeline.drops.add(
            'too_large',
            prepared.dropped,
            'an item exceeded the unload size limit',
          );
        taken.push(...prepared.requests);
      }
      const refused: OutgoingRequest[] = [];
      for (const request of taken) {
        const offered: SyncFlushRequest = {
          url: pipeline.config.endpoint,
          transport: pipeline.config.transport,
          body: request.body,
          headers: { ...request.headers },
          items: request.items,
        };
        let accepted = false;
        try {
          // Like the normal transport: our own request must not become a span (fetch instrumentation).
          accepted = withTracingSuppressed(() => send(offered)) === true;
        } catch (error) {
          logger.warn(`the unload sender threw; sending normally: ${String(error)}`);
        }
        if (accepted) result.sent += request.items;
        else {
          result.deferred += request.items;
          // A copy: the export that prepared the original may still skip over it.
          refused.push({ ...request });
        }
      }
      if (refused.length)
        void this.track(
          pipeline
            .deliver({ requests: refused, dropped: 0 })
            .catch((error: unknown) =>
              logger.warn(`sending refused requests failed: ${String(error)}`),
            ),
        );
    } catch (error) {
      logger.warn(`flushSync failed: ${String(error)}`);
    }
    return result;
  }

  /**
   * Resolves once every span ended before the call is delivered, given up, or (the server
   * being unreachable) kept for a later retry, and within `flushTimeoutMs` (default 10 s)
   * whatever the server does. Never rejects.
   */
  forceFlush(): Promise<void> {
    return this.flushWithin(this.pipeline?.config.flushTimeoutMs ?? 0);
  }

  private async flushWithin(timeoutMs: number, final = false): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    try {
      const previous = [...this.inFlight];
      await flushWithDeadline(
        pipeline,
        () => Promise.allSettled([...previous, this.track(this.kick(true, final))]),
        timeoutMs,
        final,
      );
      pipeline.drops.maybeReport();
    } catch (error) {
      logger.warn(`forceFlush failed: ${String(error)}`);
    }
  }

  /** Flush (a last try for kept requests too; what still fails is dropped), then stop. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.isShutdown = true;
      await this.flushWithin(this.pipeline?.config.flushTimeoutMs ?? 0, true);
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      if (this.spoolTimer !== undefined) clearTimeout(this.spoolTimer);
      this.spoolTimer = undefined;
      this.openSpans.clear();
      const proc = (globalThis as { process?: ProcessLike }).process;
      if (this.exiting) proc?.off?.('beforeExit', this.onBeforeExit);
      await this.spooled?.close();
      this.pipeline?.drops.maybeReport(true);
    })();
    return this.shutdownPromise;
  }
}
