import { PostHogLogRecordProcessor } from '@llm-analytics/core';
import { warnOnUnpatchedClients } from './client-versions';
import { wireLoggerProvider, type InstrumentationLike } from './logger-provider-bridge';
import { PostHogSpanProcessor } from './span-processor';
import type { PostHogProcessorsOptions } from './types';

/** The `NodeSDK` options `createPostHogProcessors` returns, to spread into `new NodeSDK({ … })`. */
export interface PostHogProcessors<I = never> {
  spanProcessors: [PostHogSpanProcessor];
  /** Hands the instrumentation's content log records (messages, tool calls) to the span processor. */
  logRecordProcessors: [PostHogLogRecordProcessor];
  /** The instrumentations given, wired to the log record processor; absent when none were given. */
  instrumentations?: I[];
}

/** Instrumentation scopes whose message content is on (their config, or the GenAI env switch). */
function contentScopes(instrumentations: readonly unknown[]): string[] {
  const scopes: string[] = [];
  for (const instrumentation of instrumentations.flat()) {
    try {
      const candidate = instrumentation as InstrumentationLike;
      if (candidate?.getConfig?.().captureMessageContent === true && candidate.instrumentationName)
        scopes.push(candidate.instrumentationName);
    } catch {
      // Only the content warning depends on it.
    }
  }
  return scopes;
}

/**
 * The span processor and the log record processor that feeds it message content, as
 * `NodeSDK` options: `new NodeSDK({ ...createPostHogProcessors({ apiKey, host, instrumentations }) })`.
 * The OpenAI instrumentation writes messages only as log records; with both processors they
 * land in `$ai_input` and `$ai_output_choices`.
 */
export function createPostHogProcessors<I = never>(
  options: PostHogProcessorsOptions<I> = {},
): PostHogProcessors<I> {
  const { instrumentations, ...processorOptions } = options ?? {};
  const spanProcessor = new PostHogSpanProcessor(processorOptions);
  const processors: PostHogProcessors<I> = {
    spanProcessors: [spanProcessor],
    logRecordProcessors: [new PostHogLogRecordProcessor(spanProcessor)],
  };
  spanProcessor.expectContentRecords(true, contentScopes(instrumentations ?? []));
  // Only when given: an `instrumentations: undefined` key would override the user's own list.
  if (instrumentations) {
    wireLoggerProvider(instrumentations);
    if (spanProcessor.enabled && processorOptions.warnOnUninstrumentedCalls !== false)
      warnOnUnpatchedClients(instrumentations, processorOptions.warnings !== false);
    processors.instrumentations = instrumentations;
  }
  return processors;
}
