import {
  compactUsage,
  type AttributeReader,
  type SpanRecord,
  type Usage,
} from '@llm-analytics/core';
import {
  VERCEL_RESPONSE_AVG_OUTPUT_TOKENS_PER_SECOND,
  VERCEL_RESPONSE_MS_TO_FINISH,
  VERCEL_RESPONSE_MS_TO_FIRST_CHUNK,
  VERCEL_STREAM_MS_TO_FIRST_CHUNK,
  VERCEL_STREAM_FIRST_CHUNK_EVENT,
  VERCEL_USAGE_CACHED_INPUT_TOKENS,
  VERCEL_USAGE_COMPLETION_TOKENS,
  VERCEL_USAGE_INPUT_CACHE_READ_TOKENS,
  VERCEL_USAGE_INPUT_CACHE_WRITE_TOKENS,
  VERCEL_USAGE_INPUT_NO_CACHE_TOKENS,
  VERCEL_USAGE_INPUT_TOKENS,
  VERCEL_USAGE_OUTPUT_REASONING_TOKENS,
  VERCEL_USAGE_OUTPUT_TEXT_TOKENS,
  VERCEL_USAGE_OUTPUT_TOKENS,
  VERCEL_USAGE_PROMPT_TOKENS,
  VERCEL_USAGE_REASONING_TOKENS,
  VERCEL_USAGE_TOKENS,
  VERCEL_USAGE_TOTAL_TOKENS,
} from '@llm-analytics/core/semconv';

/** Every `ai.usage.*` key the mapping reads (all consumed, whichever gave the value). */
const USAGE_KEYS = [
  VERCEL_USAGE_INPUT_TOKENS,
  VERCEL_USAGE_PROMPT_TOKENS,
  VERCEL_USAGE_TOKENS,
  VERCEL_USAGE_OUTPUT_TOKENS,
  VERCEL_USAGE_COMPLETION_TOKENS,
  VERCEL_USAGE_TOTAL_TOKENS,
  VERCEL_USAGE_INPUT_CACHE_READ_TOKENS,
  VERCEL_USAGE_CACHED_INPUT_TOKENS,
  VERCEL_USAGE_INPUT_CACHE_WRITE_TOKENS,
  VERCEL_USAGE_OUTPUT_REASONING_TOKENS,
  VERCEL_USAGE_REASONING_TOKENS,
  // Derivable from the others: consumed, not repeated.
  VERCEL_USAGE_INPUT_NO_CACHE_TOKENS,
  VERCEL_USAGE_OUTPUT_TEXT_TOKENS,
];

/**
 * Usage from the `ai.usage.*` keys: AI SDK 6 names first (`inputTokens`, the token details),
 * then the AI SDK 5 (`cachedInputTokens`, `reasoningTokens`) and 4 (`promptTokens`,
 * `completionTokens`, which generateObject still uses) names. The inner spans' `gen_ai.usage.*`
 * is core's to read: the mapper merges its counts into these. The AI SDK's input count
 * includes cached tokens (the OTel convention).
 */
export function readVercelUsage(reader: AttributeReader): Usage | undefined {
  const input = reader.number(
    VERCEL_USAGE_INPUT_TOKENS,
    VERCEL_USAGE_PROMPT_TOKENS,
    VERCEL_USAGE_TOKENS,
  );
  // AI SDK 6's input count is the sum of these details (cached tokens included) for every
  // provider, Anthropic too; AI SDK 5 had no details and passed the provider's count through.
  const detailed =
    reader.has(VERCEL_USAGE_INPUT_NO_CACHE_TOKENS) ||
    reader.has(VERCEL_USAGE_INPUT_CACHE_READ_TOKENS) ||
    reader.has(VERCEL_USAGE_INPUT_CACHE_WRITE_TOKENS);
  const usage = compactUsage({
    inputTokens: input,
    outputTokens: reader.number(VERCEL_USAGE_OUTPUT_TOKENS, VERCEL_USAGE_COMPLETION_TOKENS),
    totalTokens: reader.number(VERCEL_USAGE_TOTAL_TOKENS),
    cacheReadTokens: reader.number(
      VERCEL_USAGE_INPUT_CACHE_READ_TOKENS,
      VERCEL_USAGE_CACHED_INPUT_TOKENS,
    ),
    cacheWriteTokens: reader.number(VERCEL_USAGE_INPUT_CACHE_WRITE_TOKENS),
    reasoningTokens: reader.number(
      VERCEL_USAGE_OUTPUT_REASONING_TOKENS,
      VERCEL_USAGE_REASONING_TOKENS,
    ),
    // Said explicitly: without it, pricing takes an Anthropic input count as cache-exclusive.
    inputIncludesCache: detailed && input !== undefined ? true : undefined,
  });
  reader.consume(...USAGE_KEYS);
  return usage;
}

function nanosBetween(start: string, end: string): number | undefined {
  try {
    const nanos = Number(BigInt(end) - BigInt(start));
    return Number.isFinite(nanos) && nanos >= 0 ? nanos : undefined;
  } catch {
    // Not integer nanosecond strings: no time to first token rather than a wrong one.
    return undefined;
  }
}

/**
 * Time to first token in seconds: `ai.response.msToFirstChunk` (streamText) or
 * `ai.stream.msToFirstChunk` (streamObject), both milliseconds, else the same keys on the
 * `ai.stream.firstChunk` span event, else that event's time after the span start.
 */
export function readTimeToFirstChunk(
  reader: AttributeReader,
  span: SpanRecord,
): number | undefined {
  const ms = reader.number(VERCEL_RESPONSE_MS_TO_FIRST_CHUNK, VERCEL_STREAM_MS_TO_FIRST_CHUNK);
  reader.consume(
    VERCEL_RESPONSE_MS_TO_FIRST_CHUNK,
    VERCEL_STREAM_MS_TO_FIRST_CHUNK,
    VERCEL_RESPONSE_MS_TO_FINISH,
    VERCEL_RESPONSE_AVG_OUTPUT_TOKENS_PER_SECOND,
  );
  if (ms !== undefined && ms >= 0) return ms / 1000;
  const event = span.events.find((e) => e.name === VERCEL_STREAM_FIRST_CHUNK_EVENT);
  if (!event) return undefined;
  for (const key of [VERCEL_RESPONSE_MS_TO_FIRST_CHUNK, VERCEL_STREAM_MS_TO_FIRST_CHUNK]) {
    const value = event.attributes[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value / 1000;
  }
  const nanos = nanosBetween(span.startTimeUnixNano, event.timeUnixNano);
  return nanos === undefined ? undefined : nanos / 1e9;
}
