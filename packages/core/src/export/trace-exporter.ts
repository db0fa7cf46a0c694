import { isAISpan } from '../filter/is-ai-span';
import {
  spanRecordFromReadableSpan,
  type ReadableSpanLike,
} from '../span-record/from-readable-span';
import type { SpanRecord } from '../types';
import { logger, resolveConfig } from './config';
import { ExportPipeline } from './export-pipeline';
import { flushWithDeadline } from './flush-deadline';
import { SpoolPump } from './spool-pump';
import { SpooledDelivery } from './spooled-delivery';
import type { PostHogExportOptions } from './types';

/** OpenTelemetry's ExportResultCode values (0 SUCCESS, 1 FAILED), without the SDK dependency. */
const SUCCESS = 0;
const FAILED = 1;

export interface ExportResultLike {
  code: number;
  error?: Error;
}

/**
 * An OpenTelemetry `SpanExporter` for setups that take an exporter (`registerOTel` from
 * `@vercel/otel`, a `BatchSpanProcessor` of your own). Non-AI spans are dropped here.
 */
export class PostHogTraceExporter {
  private readonly pipeline: ExportPipeline | undefined;
  /** With a `spool`: an export succeeds once its events are on disk; a pump delivers them. */
  private readonly spooled: SpooledDelivery | undefined;
  private readonly pump: SpoolPump | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  private isShutdown = false;

  constructor(options: PostHogExportOptions = {}) {
    let config;
    try {
      config = resolveConfig(options ?? {});
    } catch (error) {
      logger.error(`invalid options; LLM analytics export is disabled: ${String(error)}`);
    }
    this.pipeline = config ? new ExportPipeline(config, options ?? {}) : undefined;
    if (this.pipeline && options?.spool) {
      this.spooled = new SpooledDelivery(this.pipeline, options.spool);
      this.pump = new SpoolPump(
        this.spooled,
        this.pipeline.config.retryBaseDelayMs,
        this.pipeline.config.retryMaxDelayMs,
      );
    }
  }

  export(spans: ReadableSpanLike[], resultCallback: (result: ExportResultLike) => void): void {
    const done = (result: ExportResultLike) => {
      try {
        resultCallback(result);
      } catch (error) {
        logger.warn(`export result callback threw: ${String(error)}`);
      }
    };
    const pipeline = this.pipeline;
    if (!pipeline || this.isShutdown) {
      if (pipeline && this.isShutdown) pipeline.drops.add('after_shutdown', spans.length);
      done({ code: this.isShutdown ? FAILED : SUCCESS });
      return;
    }
    const records: SpanRecord[] = [];
    for (const span of spans ?? []) {
      try {
        const scope = span.instrumentationScope?.name ?? span.instrumentationLibrary?.name;
        if (isAISpan(scope, span.attributes, span.name))
          records.push(spanRecordFromReadableSpan(span));
      } catch (error) {
        pipeline.drops.add('mapping_failed', 1, `unreadable span: ${String(error)}`);
      }
    }
    if (!records.length) {
      done({ code: SUCCESS });
      return;
    }
    const promise = this.exportRecords(pipeline, records).then(
      (outcome) =>
        done(
          outcome.failed
            ? {
                code: FAILED,
                error: new Error(`${outcome.failed} LLM analytics item(s) not delivered`),
              }
            : { code: SUCCESS },
        ),
      (error: unknown) =>
        done({ code: FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  /** Through the spool when it works (stored is success), else straight to the server. */
  private async exportRecords(pipeline: ExportPipeline, records: SpanRecord[]) {
    const spooled = this.spooled;
    if (!spooled?.active) return pipeline.export(records);
    const prepared = await pipeline.tryPrepare(records);
    if (!prepared) return { delivered: 0, failed: records.length, parked: 0 };
    if (!(await spooled.store(prepared))) return pipeline.deliver(prepared);
    void this.pump!.kick();
    return { delivered: 0, failed: prepared.dropped, parked: 0 };
  }

  /**
   * Resolves when every export in flight is delivered or given up, within `flushTimeoutMs`
   * (default 10 s) whatever the server does.
   */
  forceFlush(): Promise<void> {
    return this.flush(false);
  }

  /** Waits (within `flushTimeoutMs`) for exports in flight, then refuses new ones. Idempotent. */
  async shutdown(): Promise<void> {
    this.isShutdown = true;
    await this.flush(true);
    this.pump?.stop();
    await this.spooled?.close();
    this.pipeline?.drops.maybeReport(true);
  }

  private async flush(final: boolean): Promise<void> {
    const pipeline = this.pipeline;
    if (!pipeline) return;
    const inFlight = [...this.inFlight];
    await flushWithDeadline(
      pipeline,
      async () => {
        await Promise.allSettled(inFlight);
        // What is on disk is sent too (what still fails stays there for later, or the next process).
        if (this.spooled?.active) await this.pump!.kick();
      },
      pipeline.config.flushTimeoutMs,
      final,
    );
    pipeline.drops.maybeReport();
  }
}
