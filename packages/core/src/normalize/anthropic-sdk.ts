import {
  ANTHROPIC_SDK_CACHE_CREATION_1H,
  ANTHROPIC_SDK_CACHE_CREATION_5M,
  ANTHROPIC_SDK_SCOPE,
  ANTHROPIC_SDK_STOP_REASON,
  ANTHROPIC_SDK_USAGE_CACHE_WRITE_INPUT_TOKENS,
} from '../semconv/anthropic-sdk';
import { GEN_AI_OPERATION_NAME, GenAiOperation } from '../semconv/gen-ai';
import type { Normalizer, PartialCall, SpanRecord, Usage } from '../types';
import { AttributeReader } from '../util/read';

/**
 * The spans `@anthropic-ai/sdk` emits itself (`anthropic.messages.create`, CLIENT). Their
 * `gen_ai.usage.input_tokens` includes cache reads and writes (57 where the API reports 4 +
 * 53 written to the cache, against the mock server), unlike Anthropic's raw count, and cache
 * writes use the SDK's own key (`gen_ai.usage.cache_write.input_tokens`): read with the
 * Anthropic default (input excludes cache), the cached tokens would be counted twice.
 */

function isAnthropicSdkSpan(span: SpanRecord): boolean {
  return span.scope.name === ANTHROPIC_SDK_SCOPE;
}

/** The SDK's inclusive input convention and its cache-write key. */
export function normalizeAnthropicSdk(span: SpanRecord): PartialCall | undefined {
  const reader = new AttributeReader(span.attributes);
  const call: PartialCall = {};
  if (reader.attributes[GEN_AI_OPERATION_NAME] === GenAiOperation.chat) call.kind = 'generation';
  // Input, output and cache-read counts are the OTel GenAI normalizer's (the mapper merges
  // them with these): this adds the SDK's own cache-write key and the inclusive convention.
  const usage: Usage = { inputIncludesCache: true };
  const cacheWrite = reader.number(ANTHROPIC_SDK_USAGE_CACHE_WRITE_INPUT_TOKENS);
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  call.usage = usage;
  call.stopReason = reader.string(ANTHROPIC_SDK_STOP_REASON);
  // The 5-minute / 1-hour split of the cache writes is already in the cache-write count.
  reader.consume(ANTHROPIC_SDK_CACHE_CREATION_5M, ANTHROPIC_SDK_CACHE_CREATION_1H);
  call.consumedKeys = reader.consumed;
  return call;
}

export const anthropicSdkNormalizer: Normalizer = {
  name: 'anthropic-sdk',
  matches: isAnthropicSdkSpan,
  normalize: normalizeAnthropicSdk,
};
