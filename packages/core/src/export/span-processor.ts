import type { Context } from '@opentelemetry/api';
import { isAISpan } from '../filter/is-ai-span';
import {
  spanRecordFromReadableSpan,
  type ReadableSpanLike,
} from '../span-record/from-readable-span';
import type { SpanRecord } from '../types';
import { unref } from './backoff';
import { logger, resolveConfig } from './config';
import { ExportPipeline } from './export-pipeline';
import type { OutgoingRequest } from './http-sender';
import { ContentLogBuffer } from './log-buffer';
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
  spanContext(): { traceId: string; spanId: string };
}

interface QueuedSpan {
  span: ProcessorSpan;
  traceId: string;
  queuedAt: number;
}

/** How long the flush on process exit may keep a finished script alive. */
const EXIT_GRACE_MS = 3_000;

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
  private readonly queue: QueuedSpan[] = [];
  private readonly openSpans = new Map<string, number>();
  private readonly logs = new ContentLogBuffer();
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isShutdown = false;
  private shutdownPromise: Promise<void> | undefined;
  private exiting = false;
  private readonly onBeforeExit = (): void => {
    this.exiting = false;
    // Best effort within a short grace period: a script must still exit when the server is down.
    void this.flushKeepingAlive(EXIT_GRACE_MS);
  };

  constructor(private readonly options: PostHogExportOptions = {}) {
    let config;
    try {
      config = resolveConfig(options ?? {});
    } catch (error) {
      logger.error(`invalid options; LLM analytics export is disabled: ${String(error)}`);
    }
    this.pipeline = config ? new ExportPipeline(config, options ?? {}) : undefined;
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
      const traceId = span.spanContext().traceId;
      const open = this.openSpans.get(traceId);
      if (open !== undefined) {
        if (open <= 1) this.openSpans.delete(traceId);
        else this.openSpans.set(traceId, open - 1);
      }
      if (!isAISpan(scopeNameOf(span), span.attributes, span.name)) return;
      if (this.isShutdown) {
        pipeline.drops.add('after_shutdown');
        return;
      }
      if (this.queue.length >= pipeline.config.maxQueueSize) {
        this.queue.shift();
        pipeline.drops.add(
          'queue_full',
          1,
          `queue of ${pipeline.config.maxQueueSize} spans is full`,
        );
      }
      this.queue.push({ span, traceId, queuedAt: Date.now() });
      this.armExitFlush();
      if (pipeline.config.exportMode === 'immediate') this.schedule(0);
      else if (this.queue.length >= pipeline.config.maxBatchSize) this.schedule(0);
      else this.schedule(pipeline.config.flushIntervalMs);
    } catch (error) {
      logger.debug(`onEnd ignored a span it could not read: ${String(error)}`);
    }
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
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.track(this.flushReady(false));
    }, delayMs);
    unref(this.timer);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
    return promise;
  }

  /** Spans ready to go: their trace has no open span left, or they waited long enough. */
  private takeReady(force: boolean): QueuedSpan[] {
    const config = this.pipeline!.config;
    if (force || config.exportMode === 'immediate' || config.traceWaitMs === 0)
      return this.queue.splice(0);
    const now = Date.now();
    const ready: QueuedSpan[] = [];
    const waiting: QueuedSpan[] = [];
    for (const item of this.queue) {
      if (!this.openSpans.has(item.traceId) || now - item.queuedAt >= config.traceWaitMs)
        ready.push(item);
      else waiting.push(item);
    }
    this.queue.splice(0, this.queue.length, ...waiting);
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

  private async flushReady(force: boolean): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    const ready = this.takeReady(force);
    if (this.queue.length && !this.isShutdown)
      this.schedule(
        Math.min(
          pipeline.config.flushIntervalMs,
          pipeline.config.traceWaitMs || pipeline.config.flushIntervalMs,
        ),
      );
    for (let i = 0; i < ready.length; i += pipeline.config.maxBatchSize * 10) {
      await pipeline.export(this.toRecords(ready.slice(i, i + pipeline.config.maxBatchSize * 10)));
    }
    const evictedBefore = this.logs.evicted;
    this.logs.sweep();
    if (this.logs.evicted > evictedBefore)
      logger.debug(
        `${this.logs.evicted - evictedBefore} content log record(s) expired without their span`,
      );
  }

  /**
   * For page unload (`pagehide`, a hidden tab), where only work started synchronously survives:
   * takes every queued span (not waiting for the rest of its trace) and every request not yet
   * handed to `fetch`, and offers each request, uncompressed and at most `maxRequestBytes`
   * (default 4 MiB) long, to `send`. Requests `send` refuses go through the normal transport.
   * Each span is taken exactly once, so a second call (pagehide after visibilitychange) sends
   * nothing twice. Never throws.
   */
  flushSync(send: SyncFlushSender, options: { maxRequestBytes?: number } = {}): SyncFlushResult {
    const result: SyncFlushResult = { sent: 0, deferred: 0 };
    const pipeline = this.pipeline;
    if (!pipeline) return result;
    try {
      const taken = pipeline.takeUnsent();
      const queued = this.queue.splice(0);
      if (queued.length) {
        const maxBytes = options.maxRequestBytes;
        const prepared = pipeline.prepare(this.toRecords(queued), maxBytes);
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
      if (refused.length) this.track(pipeline.deliver({ requests: refused, dropped: 0 }));
    } catch (error) {
      logger.warn(`flushSync failed: ${String(error)}`);
    }
    return result;
  }

  /** Resolves once every span ended before the call is delivered or given up. Never rejects. */
  forceFlush(): Promise<void> {
    return this.flushKeepingAlive(2 ** 31 - 1);
  }

  private async flushKeepingAlive(keepAliveMs: number): Promise<void> {
    if (!this.pipeline) return;
    // A ref'd timer keeps the process alive while delivery is awaited (all other timers are unref'd).
    const keepAlive = setTimeout(() => undefined, keepAliveMs);
    try {
      const previous = [...this.inFlight];
      const flushing = this.track(this.flushReady(true));
      await Promise.allSettled([...previous, flushing]);
      this.pipeline.drops.maybeReport();
    } catch (error) {
      logger.warn(`forceFlush failed: ${String(error)}`);
    } finally {
      clearTimeout(keepAlive);
    }
  }

  /** Flush, then stop accepting spans. Idempotent. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.isShutdown = true;
      await this.forceFlush();
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.openSpans.clear();
      const proc = (globalThis as { process?: ProcessLike }).process;
      if (this.exiting) proc?.off?.('beforeExit', this.onBeforeExit);
      this.pipeline?.drops.maybeReport(true);
    })();
    return this.shutdownPromise;
  }
}
