import {
  compactUsage,
  type AttributeReader,
  type NormalizedCall,
  type Usage,
} from '@llm-analytics/core';
import {
  OI_LLM_COST_COMPLETION,
  OI_LLM_COST_INPUT,
  OI_LLM_COST_OUTPUT,
  OI_LLM_COST_PROMPT,
  OI_LLM_COST_TOTAL,
  OI_LLM_TOKEN_COUNT_COMPLETION,
  OI_LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING,
  OI_LLM_TOKEN_COUNT_PROMPT,
  OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ,
  OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE,
  OI_LLM_TOKEN_COUNT_TOTAL,
} from '@llm-analytics/core/semconv';

/**
 * `llm.token_count.*` → usage. OpenInference counts input with cached tokens and output with
 * reasoning tokens (OpenAI's convention), so the usage says so and nothing is added up here.
 * The audio and `cache_input` details have no `$ai_*` property: they are left to travel under
 * their own keys. No counts at all (a streamed chat call) means no usage, never zeros.
 */
export function readUsage(reader: AttributeReader): Usage | undefined {
  return compactUsage({
    inputTokens: reader.number(OI_LLM_TOKEN_COUNT_PROMPT),
    outputTokens: reader.number(OI_LLM_TOKEN_COUNT_COMPLETION),
    totalTokens: reader.number(OI_LLM_TOKEN_COUNT_TOTAL),
    cacheReadTokens: reader.number(OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ),
    cacheWriteTokens: reader.number(OI_LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE),
    reasoningTokens: reader.number(OI_LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING),
    inputIncludesCache: true,
  });
}

/**
 * `llm.cost.*` (USD) → costs that win over computed prices, like costs a user puts on an
 * event. The finer `prompt_details` / `completion_details` breakdown travels as is.
 */
export function readCost(reader: AttributeReader): NormalizedCall['cost'] {
  const cost: NonNullable<NormalizedCall['cost']> = {};
  const input = reader.number(OI_LLM_COST_PROMPT, OI_LLM_COST_INPUT);
  const output = reader.number(OI_LLM_COST_COMPLETION, OI_LLM_COST_OUTPUT);
  const total = reader.number(OI_LLM_COST_TOTAL);
  if (input !== undefined) cost.input = input;
  if (output !== undefined) cost.output = output;
  if (total !== undefined) cost.total = total;
  return Object.keys(cost).length ? cost : undefined;
}
