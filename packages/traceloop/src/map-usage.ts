import { type AttributeReader, type SpanRecord, type Usage } from '@llm-analytics/core';
import {
  GEN_AI_REQUEST_STREAM,
  TRACELOOP_ANTHROPIC_SCOPE,
  TRACELOOP_LLM_IS_STREAMING,
  TRACELOOP_LLM_USAGE_COMPLETION_TOKENS,
  TRACELOOP_LLM_USAGE_PROMPT_TOKENS,
  TRACELOOP_LLM_USAGE_TOTAL_TOKENS,
  TRACELOOP_OPENAI_SCOPE,
} from '@llm-analytics/core/semconv';

/** Whether the span says the call streamed (Python OpenLLMetry, or a span tagged by the app). */
export function readStream(reader: AttributeReader): boolean | undefined {
  return reader.boolean(GEN_AI_REQUEST_STREAM, TRACELOOP_LLM_IS_STREAMING);
}

/**
 * What Traceloop says about usage that the core's `gen_ai.usage.*` reading cannot: the
 * `llm.usage.*` counts of 0.5 and older (0.16's `llm.usage.total_tokens`), Anthropic's
 * cache convention and the estimate flag. The mapper merges these with the core's counts
 * field by field, so the current keys are read once, by the core.
 */
export function readTraceloopUsage(
  reader: AttributeReader,
  span: SpanRecord,
  stream: boolean | undefined,
): Usage | undefined {
  const usage: Usage = {};
  const input = reader.number(TRACELOOP_LLM_USAGE_PROMPT_TOKENS);
  const output = reader.number(TRACELOOP_LLM_USAGE_COMPLETION_TOKENS);
  const total = reader.number(TRACELOOP_LLM_USAGE_TOTAL_TOKENS);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  // Traceloop's Anthropic instrumentation reports Anthropic's raw input count, without the
  // cache read and write tokens it records next to it.
  if (span.scope.name === TRACELOOP_ANTHROPIC_SCOPE) usage.inputIncludesCache = false;
  // The Node OpenAI instrumentation (0.16 to 0.27 at least) never reads the usage a stream
  // reports: it counts the message contents and the answer with tiktoken instead, leaving out
  // the per-message overhead and the tool definitions. It records no stream flag itself, so
  // this only applies when the span was tagged as streamed.
  if (stream === true && span.scope.name === TRACELOOP_OPENAI_SCOPE) usage.estimated = true;
  return Object.keys(usage).length ? usage : undefined;
}
