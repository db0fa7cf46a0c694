import { PostHogSpanProcessor } from './span-processor';
import type {
  TraceloopExportOptions,
  TraceloopInitializeOptions,
  TraceloopSpanExporter,
} from './types';

/** OpenTelemetry's ExportResultCode.SUCCESS, without the SDK dependency. */
const SUCCESS = 0;

/**
 * Handed to Traceloop's own span processor, which `initialize()` always builds (around an
 * OTLP exporter to api.traceloop.com unless given one). The `PostHogSpanProcessor` next to
 * it does the exporting, so spans given here are dropped; `forceFlush` is passed on so
 * `traceloop.forceFlush()` also delivers the events. Shutdown needs nothing: the tracer
 * provider shuts the processor down itself.
 */
class ForwardFlushExporter implements TraceloopSpanExporter {
  constructor(private readonly processor: PostHogSpanProcessor) {}

  export(_spans: unknown[], resultCallback: (result: { code: number }) => void): void {
    resultCallback({ code: SUCCESS });
  }

  forceFlush(): Promise<void> {
    return this.processor.forceFlush();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Options to spread into `@traceloop/node-server-sdk`'s `initialize({ ...traceloopOptions(), ... })`:
 * LLM spans become `$ai_*` events sent to PostHog or an llm-analytics server, and nothing
 * goes to Traceloop's cloud. `traceloop.forceFlush()` delivers the events.
 */
export function traceloopOptions(options: TraceloopExportOptions = {}): TraceloopInitializeOptions {
  const processor = new PostHogSpanProcessor(options);
  return {
    processor,
    exporter: new ForwardFlushExporter(processor),
    disableBatch: true,
    traceloopSyncEnabled: false,
  };
}
