import { isContentEventName } from '../normalize/content-events';
import { EVENT_NAME } from '../semconv/common';
import type { ReadableLogRecordLike } from '../span-record/from-log-record';
import { logger } from './config';
import type { PostHogSpanProcessor } from './span-processor';

/** The parts of an SDK log record the processor reads in `onEmit`. */
export type EmittedLogRecord = ReadableLogRecordLike;

/**
 * An OpenTelemetry `LogRecordProcessor` that hands GenAI content log records
 * (`gen_ai.user.message`, `gen_ai.choice`, `gen_ai.client.inference.operation.details`, …)
 * to a `PostHogSpanProcessor`, which joins them to their span so `$ai_input` and
 * `$ai_output_choices` are filled. Other log records are ignored.
 */
export class PostHogLogRecordProcessor {
  constructor(private readonly spanProcessor: PostHogSpanProcessor) {}

  onEmit(record: EmittedLogRecord): void {
    try {
      const name = record.eventName ?? record.attributes?.[EVENT_NAME];
      if (typeof name !== 'string' || !isContentEventName(name)) return;
      const spanId = record.spanContext?.spanId;
      if (!spanId) return;
      this.spanProcessor.attachLogRecord(spanId.toLowerCase(), record);
    } catch (error) {
      logger.debug(`onEmit ignored a log record it could not read: ${String(error)}`);
    }
  }

  /** Records are delivered with their spans: flushing the span processor covers them. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
