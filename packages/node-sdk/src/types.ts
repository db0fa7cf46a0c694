import type { NodeAdapterExportOptions } from '@llm-analytics/core/node-spool';

/**
 * Options of this package's `PostHogSpanProcessor`, `PostHogTraceExporter` and
 * `createPostHogProcessors`: core's options (see the core README) with Node defaults.
 */
export interface NodeSdkExportOptions extends NodeAdapterExportOptions {
  /**
   * Warn once (`diag` and a Node process warning, code `LLM_ANALYTICS_NO_LLM_SPANS`) when an
   * LLM client library made a request outside any LLM span and no LLM span was ever recorded:
   * the instrumentation did not patch the client (an ES-module app started without
   * `--import @llm-analytics/node-sdk/register`, or the client required before `sdk.start()`).
   * Default true.
   */
  warnOnUninstrumentedCalls?: boolean;
}

/** Options of `createPostHogProcessors`: the processors' options, and the instrumentations to wire. */
export interface PostHogProcessorsOptions<I = unknown> extends NodeSdkExportOptions {
  /**
   * The instrumentations for `NodeSDK`, returned as `instrumentations` to spread with the
   * processors. Their content log records (messages, tool calls) then reach the processors
   * whatever copies of `@opentelemetry/api-logs` npm installed.
   */
  instrumentations?: I[];
}
