import { asArray, asRecord, asString, contentToText, type JsonRecord } from './json-utils';
import { countTextTokens, TOKENS_PER_MESSAGE, TOKENS_PER_REQUEST } from './tokens';

/**
 * Deterministic input-token accounting and prompt caching for the mock Messages API.
 *
 * The prompt is read in the API's cache order (tools, then system, then messages) as a list
 * of blocks, each with a token count: `ceil(chars / 4)` of its text (a tool definition or a
 * `tool_use` input counts its JSON), plus 3 tokens per message and 3 per request. A block with
 * `cache_control` is a breakpoint; the prompt up to and including it is its prefix.
 *
 * The rule, per server (cleared by `reset()` / `clearCache()`, never by time):
 * - only a prefix of at least `cacheMinTokens` tokens is cacheable;
 * - `cache_read_input_tokens`: the longest cacheable prefix already in the cache;
 * - `cache_creation_input_tokens`: the longest cacheable prefix minus what was read, when that
 *   prefix is not cached yet (it is then cached, with every shorter cacheable prefix);
 * - `input_tokens`: the rest, so the three add up to the prompt's tokens, as the API counts them
 *   (its `input_tokens` excludes cached tokens).
 * Prefixes are keyed by model and content, without the `cache_control` markers.
 */

interface PromptBlock {
  /** The block as sent, `cache_control` removed (the cache key). */
  content: unknown;
  tokens: number;
  /** `cache_control.ttl` when the block is a breakpoint. */
  breakpoint?: '5m' | '1h';
}

export interface AnthropicInputUsage {
  /** Every prompt token, cached or not. */
  promptTokens: number;
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

function withoutCacheControl(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: JsonRecord = {};
  for (const [key, inner] of Object.entries(value)) if (key !== 'cache_control') copy[key] = inner;
  return copy;
}

function breakpointOf(block: unknown): PromptBlock['breakpoint'] {
  const control = asRecord(asRecord(block).cache_control);
  if (control.type !== 'ephemeral') return undefined;
  return control.ttl === '1h' ? '1h' : '5m';
}

/** Tokens of one content block of a message. */
export function contentBlockTokens(block: unknown): number {
  if (typeof block === 'string') return countTextTokens(block);
  const record = asRecord(block);
  switch (record.type) {
    case 'text':
      return countTextTokens(asString(record.text) ?? '');
    case 'tool_use':
      return countTextTokens((asString(record.name) ?? '') + JSON.stringify(record.input ?? {}));
    case 'tool_result':
      return countTextTokens(contentToText(record.content));
    case 'thinking':
      return countTextTokens(asString(record.thinking) ?? '');
    default:
      return countTextTokens(JSON.stringify(withoutCacheControl(record)));
  }
}

/** The prompt as cacheable blocks, in the API's cache order: tools, system, messages. */
function promptBlocks(body: JsonRecord): PromptBlock[] {
  const blocks: PromptBlock[] = [];
  const push = (source: unknown, tokens: number) =>
    blocks.push({
      content: withoutCacheControl(source),
      tokens,
      breakpoint: breakpointOf(source),
    });
  for (const tool of asArray(body.tools)) {
    push(tool, countTextTokens(JSON.stringify(withoutCacheControl(tool))));
  }
  if (typeof body.system === 'string') push(body.system, countTextTokens(body.system));
  for (const block of asArray(body.system)) push(block, contentBlockTokens(block));
  for (const message of asArray(body.messages).map(asRecord)) {
    const role = asString(message.role) ?? 'user';
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : asArray(message.content);
    // The per-message overhead rides on the message's first block.
    let overhead = TOKENS_PER_MESSAGE;
    if (content.length === 0) blocks.push({ content: { role }, tokens: overhead });
    for (const block of content) {
      blocks.push({
        content: { role, block: withoutCacheControl(block) },
        tokens: overhead + contentBlockTokens(block),
        breakpoint: breakpointOf(block),
      });
      overhead = 0;
    }
  }
  return blocks;
}

/** The prompt's tokens without any caching (`count_tokens`). */
export function countPromptTokens(body: JsonRecord): number {
  return promptBlocks(body).reduce((sum, block) => sum + block.tokens, TOKENS_PER_REQUEST);
}

/** Cached prompt prefixes of one mock server. */
export class PromptCache {
  private readonly prefixes = new Set<string>();

  constructor(private readonly minTokens: number) {}

  clear(): void {
    this.prefixes.clear();
  }

  /** Usage of one request under the documented rule; caches the request's prefixes. */
  account(body: JsonRecord, model: string): AnthropicInputUsage {
    const blocks = promptBlocks(body);
    const cacheable: Array<{ key: string; tokens: number; ttl: '5m' | '1h' }> = [];
    let tokens = TOKENS_PER_REQUEST;
    blocks.forEach((block, index) => {
      tokens += block.tokens;
      if (block.breakpoint && tokens >= this.minTokens) {
        const key = JSON.stringify([model, blocks.slice(0, index + 1).map((b) => b.content)]);
        cacheable.push({ key, tokens, ttl: block.breakpoint });
      }
    });
    const longest = cacheable.at(-1);
    let read = 0;
    for (const prefix of cacheable) if (this.prefixes.has(prefix.key)) read = prefix.tokens;
    const write = longest && !this.prefixes.has(longest.key) ? longest.tokens - read : 0;
    for (const prefix of cacheable) this.prefixes.add(prefix.key);
    return {
      promptTokens: tokens,
      input_tokens: tokens - read - write,
      cache_creation_input_tokens: write,
      cache_read_input_tokens: read,
      cache_creation: {
        ephemeral_5m_input_tokens: longest?.ttl === '1h' ? 0 : write,
        ephemeral_1h_input_tokens: longest?.ttl === '1h' ? write : 0,
      },
    };
  }
}
