import {
  GEN_AI_REQUEST_STREAM,
  GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
  GEN_AI_USAGE_COMPLETION_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_PROMPT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_TOKENS,
  GEN_AI_USAGE_TOTAL_TOKENS,
  TRACELOOP_ANTHROPIC_SCOPE,
  TRACELOOP_LLM_IS_STREAMING,
  TRACELOOP_LLM_USAGE_COMPLETION_TOKENS,
  TRACELOOP_LLM_USAGE_PROMPT_TOKENS,
  TRACELOOP_LLM_USAGE_TOTAL_TOKENS,
  TRACELOOP_OPENAI_SCOPE,
  type AttributeReader,
  type SpanRecord,
  type Usage,
} from '@llm-analytics/core';

/** Whether the span says the call streamed (Python OpenLLMetry, or a span tagged by the app). */
export function readStream(reader: AttributeReader): boolean | undefined {
  return reader.boolean(GEN_AI_REQUEST_STREAM, TRACELOOP_LLM_IS_STREAMING);
}

/**
 * Usage in every spelling Traceloop releases used: `gen_ai.usage.input_tokens` (current),
 * `gen_ai.usage.prompt_tokens` + `llm.usage.total_tokens` (0.16 and older),
 * `llm.usage.*` (0.5 and older), the legacy cache keys.
 *
 * The core reads the current keys too; this reader answers only when something differs from
 * what the core would say (a legacy key, Anthropic's cache convention, an estimate), because
 * the first normalizer to give a usage decides the whole usage.
 */
export function readTraceloopUsage(
  reader: AttributeReader,
  span: SpanRecord,
  stream: boolean | undefined,
): Usage | undefined {
  const legacy =
    reader.has(TRACELOOP_LLM_USAGE_TOTAL_TOKENS) ||
    reader.has(TRACELOOP_LLM_USAGE_PROMPT_TOKENS) ||
    reader.has(TRACELOOP_LLM_USAGE_COMPLETION_TOKENS);
  const anthropic = span.scope.name === TRACELOOP_ANTHROPIC_SCOPE;
  // The Node OpenAI instrumentation (0.16 to 0.27 at least) never reads the usage a stream
  // reports: it counts the message contents and the answer with tiktoken instead, leaving out
  // the per-message overhead and the tool definitions. It records no stream flag itself, so
  // this only applies when the span was tagged as streamed.
  const estimated = stream === true && span.scope.name === TRACELOOP_OPENAI_SCOPE;
  if (!legacy && !anthropic && !estimated) return undefined;

  const usage: Usage = {};
  const input = reader.number(
    GEN_AI_USAGE_INPUT_TOKENS,
    GEN_AI_USAGE_PROMPT_TOKENS,
    TRACELOOP_LLM_USAGE_PROMPT_TOKENS,
  );
  const output = reader.number(
    GEN_AI_USAGE_OUTPUT_TOKENS,
    GEN_AI_USAGE_COMPLETION_TOKENS,
    TRACELOOP_LLM_USAGE_COMPLETION_TOKENS,
  );
  const total = reader.number(GEN_AI_USAGE_TOTAL_TOKENS, TRACELOOP_LLM_USAGE_TOTAL_TOKENS);
  const cacheRead = reader.number(
    GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
    GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS_LEGACY,
  );
  const cacheWrite = reader.number(
    GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
    GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS_LEGACY,
  );
  const reasoning = reader.number(
    GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
    GEN_AI_USAGE_REASONING_TOKENS,
  );
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (total !== undefined) usage.totalTokens = total;
  if (cacheRead !== undefined) usage.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  if (!Object.keys(usage).length) return undefined;
  // Traceloop's Anthropic instrumentation reports Anthropic's raw input count, without the
  // cache read and write tokens it records next to it.
  if (anthropic) usage.inputIncludesCache = false;
  if (estimated) usage.estimated = true;
  return usage;
}
