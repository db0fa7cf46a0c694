import { contentToText } from './json-utils';

// A deterministic stand-in for a tokenizer: tests can compute expected counts by hand.

/** Tokens of a text: one per four characters, rounded up. */
export function countTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Fixed overhead per message and per request, as OpenAI's chat format adds. */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REQUEST = 3;

/** Reasoning tokens reported by reasoning models (o-series, gpt-5) for every answer. */
export const MOCK_REASONING_TOKENS = 64;

/** Prompt tokens of a list of chat messages (or Responses API input items). */
export function countMessagesTokens(messages: unknown[]): number {
  let total = TOKENS_PER_REQUEST;
  for (const message of messages) {
    const record = typeof message === 'object' && message !== null ? message : {};
    const {
      content,
      tool_calls: toolCalls,
      arguments: toolArguments,
      output,
    } = record as Record<string, unknown>;
    total += TOKENS_PER_MESSAGE + countTextTokens(contentToText(content));
    if (toolCalls !== undefined) total += countTextTokens(JSON.stringify(toolCalls));
    if (typeof toolArguments === 'string') total += countTextTokens(toolArguments);
    if (output !== undefined) total += countTextTokens(contentToText(output));
  }
  return total;
}

/** Tokens the tool definitions add to the prompt. */
export function countToolsTokens(tools: unknown[]): number {
  return tools.length === 0 ? 0 : countTextTokens(JSON.stringify(tools));
}

/**
 * Cached prompt tokens: like OpenAI's prompt caching, nothing below the minimum, then the
 * minimum plus whole 128-token blocks.
 */
export function countCachedTokens(promptTokens: number, cacheMinTokens: number): number {
  if (promptTokens < cacheMinTokens) return 0;
  return cacheMinTokens + Math.floor((promptTokens - cacheMinTokens) / 128) * 128;
}
