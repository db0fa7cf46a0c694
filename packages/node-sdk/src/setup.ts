import { PostHogLogRecordProcessor } from '@llm-analytics/core';
import { PostHogSpanProcessor } from './span-processor';
import type { NodeSdkExportOptions } from './types';

/** The `NodeSDK` options `createPostHogProcessors` returns, to spread into `new NodeSDK({ … })`. */
export interface PostHogProcessors {
  spanProcessors: [PostHogSpanProcessor];
  /** Hands the instrumentation's content log records (messages, tool calls) to the span processor. */
  logRecordProcessors: [PostHogLogRecordProcessor];
}

/**
 * The span processor and the log record processor that feeds it message content, as
 * `NodeSDK` options: `new NodeSDK({ ...createPostHogProcessors({ apiKey, host }), instrumentations })`.
 * The OpenAI instrumentation writes messages only as log records; with both processors they
 * land in `$ai_input` and `$ai_output_choices`.
 */
export function createPostHogProcessors(options: NodeSdkExportOptions = {}): PostHogProcessors {
  const spanProcessor = new PostHogSpanProcessor(options);
  return {
    spanProcessors: [spanProcessor],
    logRecordProcessors: [new PostHogLogRecordProcessor(spanProcessor)],
  };
}
