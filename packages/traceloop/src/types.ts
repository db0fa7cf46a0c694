import type { NodeAdapterExportOptions } from '@llm-analytics/core/node-spool';
import type { PostHogSpanProcessor } from './span-processor';

/**
 * Options of this package's `PostHogSpanProcessor`, `PostHogTraceExporter` and
 * `traceloopOptions`: every adapter's options, priced offline by default (`price: false` to opt out), with a
 * file spool when `spoolDir` is set.
 */
export type TraceloopExportOptions = NodeAdapterExportOptions;

/** The parts of an OpenTelemetry `SpanExporter` that Traceloop's own span processor calls. */
export interface TraceloopSpanExporter {
  export(spans: unknown[], resultCallback: (result: { code: number; error?: Error }) => void): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** What `traceloopOptions` returns: spread it into Traceloop's `initialize({ ... })`. */
export interface TraceloopInitializeOptions {
  /** Exports the LLM spans; flush or shut it down yourself if you need to. */
  processor: PostHogSpanProcessor;
  /**
   * Replaces Traceloop's default exporter (OTLP to api.traceloop.com): drops what Traceloop's
   * own processor hands it and forwards `forceFlush`, so `traceloop.forceFlush()` delivers
   * the events too.
   */
  exporter: TraceloopSpanExporter;
  /** Traceloop's own processor then forwards `forceFlush` to the exporter (a batching one does not). */
  disableBatch: true;
  /**
   * Traceloop's prompt registry polls api.traceloop.com; without a Traceloop API key the first
   * poll fails with an unhandled rejection that ends the process.
   */
  traceloopSyncEnabled: false;
}

/** The parts of an `openai` client whose calls `tagStreamedCalls` marks. */
export interface OpenAIClientLike {
  chat?: { completions?: object };
  completions?: object;
  responses?: object;
}
