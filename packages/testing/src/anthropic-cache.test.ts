import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockAnthropicServer } from './anthropic-types';
import { startMockAnthropic } from './mock-anthropic-server';

let mock: MockAnthropicServer;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockAnthropic();
  client = new Anthropic({
    baseURL: mock.url,
    apiKey: 'sk-ant-test',
    maxRetries: 0,
    openTelemetry: false,
  });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

// 4,000 characters: ceil(4000 / 4) = 1000 tokens.
const manual = 'x'.repeat(4_000);

function cachedRequest(question: string, ttl?: '1h'): MessageCreateParamsNonStreaming {
  return {
    model: 'claude-haiku-4-5',
    max_tokens: 64,
    system: [
      { type: 'text', text: 'You answer from the manual.' }, // 7 tokens
      {
        type: 'text',
        text: manual,
        cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' },
      },
    ],
    messages: [{ role: 'user', content: question }],
  };
}

describe('prompt caching (documented deterministic rule)', () => {
  it('caches nothing below the minimum cacheable prefix (1024 tokens by default)', async () => {
    // Prefix through the breakpoint: 3 (request) + 7 + 1000 = 1010 tokens < 1024.
    const first = await client.messages.create(cachedRequest('First question?'));
    expect(first.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it('writes the cache on the first call and reads it on the next identical prefix', async () => {
    const big = await startMockAnthropic({ cacheMinTokens: 1000 });
    try {
      const bigClient = new Anthropic({ baseURL: big.url, apiKey: 'k', openTelemetry: false });
      const write = await bigClient.messages.create(cachedRequest('First question?'));
      // prompt: 1010 prefix + (3 + ceil(15/4)) = 1017; the prefix is written to the cache
      expect(write.usage).toMatchObject({
        input_tokens: 7,
        cache_creation_input_tokens: 1010,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 1010, ephemeral_1h_input_tokens: 0 },
      });
      const read = await bigClient.messages.create(cachedRequest('A second, longer question?'));
      expect(read.usage).toMatchObject({
        input_tokens: 10, // 3 + ceil(26/4)
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1010,
      });
      // Another model has its own cache.
      const other = await bigClient.messages.create({
        ...cachedRequest('First question?'),
        model: 'claude-opus-4-5',
      });
      expect(other.usage.cache_creation_input_tokens).toBe(1010);

      big.clearCache();
      const again = await bigClient.messages.create(cachedRequest('First question?'));
      expect(again.usage.cache_creation_input_tokens).toBe(1010);
    } finally {
      await big.close();
    }
  });

  it('reads the longest cached prefix and writes only the rest up to the last breakpoint', async () => {
    const small = await startMockAnthropic({ cacheMinTokens: 100 });
    try {
      const smallClient = new Anthropic({ baseURL: small.url, apiKey: 'k', openTelemetry: false });
      const tools: Anthropic.Tool[] = [
        {
          name: 'search',
          description: 'd'.repeat(400),
          input_schema: { type: 'object', properties: {} },
          cache_control: { type: 'ephemeral' },
        },
      ];
      const toolsOnly = await smallClient.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 16,
        tools,
        tool_choice: { type: 'none' },
        messages: [{ role: 'user', content: 'hi' }],
      });
      const toolTokens = toolsOnly.usage.cache_creation_input_tokens!;
      expect(toolTokens).toBeGreaterThan(100);

      const withSystem = await smallClient.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 16,
        tools,
        tool_choice: { type: 'none' },
        system: [
          { type: 'text', text: 's'.repeat(800), cache_control: { type: 'ephemeral', ttl: '1h' } },
        ],
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(withSystem.usage).toMatchObject({
        cache_read_input_tokens: toolTokens,
        cache_creation_input_tokens: 200,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 200 },
        input_tokens: 4, // the user turn after the last breakpoint: 3 per message + ceil(2/4)
      });
    } finally {
      await small.close();
    }
  });

  it('reports the whole prompt as input_tokens when no breakpoint is given', async () => {
    const message = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 16,
      system: manual,
      messages: [{ role: 'user', content: 'hi' }],
    });
    // 3 + 1000 + (3 + 1)
    expect(message.usage).toMatchObject({
      input_tokens: 1007,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });
});
