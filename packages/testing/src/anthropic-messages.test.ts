import Anthropic from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MOCK_THINKING } from './anthropic-answer';
import type { MockAnthropicServer } from './anthropic-types';
import { startMockAnthropic } from './mock-anthropic-server';

let mock: MockAnthropicServer;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockAnthropic();
  // The SDK's own OpenTelemetry spans are irrelevant here: keep them off.
  client = new Anthropic({
    baseURL: mock.url,
    apiKey: 'sk-ant-test',
    maxRetries: 0,
    openTelemetry: false,
  });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

describe('messages (JSON)', () => {
  it('answers with an echo, a dated response model and deterministic usage', async () => {
    const message = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Hello there' }],
      temperature: 0.2,
    });
    expect(message).toMatchObject({
      id: 'msg_mock_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text: 'Echo: Hello there' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    // 3 per request + system ceil(14/4) + (3 per message + ceil(11/4)) = 3 + 4 + 6
    expect(message.usage).toEqual({
      input_tokens: 13,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: 5, // ceil('Echo: Hello there'.length / 4)
      service_tier: 'standard',
    });
    expect(mock.requests[0]).toMatchObject({ method: 'POST', path: '/v1/messages' });
    expect(mock.requests[0]!.headers['x-api-key']).toBe('sk-ant-test');
  });

  it('exposes the request id header like the API', async () => {
    const { response, request_id: requestId } = await client.messages
      .create({
        model: 'claude-haiku-4-5',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'hi' }],
      })
      .withResponse();
    expect(response.headers.get('request-id')).toBe('req_mock_1');
    expect(requestId).toBe('req_mock_1');
  });

  it('cuts the text at max_tokens with stop_reason max_tokens', async () => {
    const message = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 2,
      messages: [{ role: 'user', content: 'A rather long question' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: A ' }]);
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(2);
  });

  it('adds a thinking block when extended thinking is enabled', async () => {
    const message = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Why?' }],
    });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: MOCK_THINKING, signature: 'mock-signature' },
      { type: 'text', text: 'Echo: Why?' },
    ]);
    expect(message.usage.output_tokens).toBe(Math.ceil(MOCK_THINKING.length / 4) + 3);
  });

  it('counts tokens without touching the cache', async () => {
    const counted = await client.messages.countTokens({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(counted).toEqual({ input_tokens: 9 });
  });

  it('rejects a request without max_tokens as the API does', async () => {
    const error = await client.messages
      .create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      error: { type: 'error', error: { message: 'max_tokens: Field required' } },
    });
  });
});

describe('messages (SSE streaming)', () => {
  it('streams the real event sequence with usage in message_start and message_delta', async () => {
    const stream = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Stream me' }],
      stream: true,
    });
    const events: RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = events[0] as Extract<RawMessageStreamEvent, { type: 'message_start' }>;
    expect(start.message).toMatchObject({
      id: 'msg_mock_1',
      model: 'claude-haiku-4-5-20251001',
      content: [],
      stop_reason: null,
      usage: { input_tokens: 9, cache_read_input_tokens: 0, output_tokens: 1 },
    });
    const text = events
      .flatMap((event) =>
        event.type === 'content_block_delta' && event.delta.type === 'text_delta'
          ? [event.delta.text]
          : [],
      )
      .join('');
    expect(text).toBe('Echo: Stream me');
    const delta = events[6] as Extract<RawMessageStreamEvent, { type: 'message_delta' }>;
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage).toMatchObject({ input_tokens: 9, output_tokens: 4 });
  });

  it('sends ping events (the SDK skips them) and is accepted by the stream helper', async () => {
    const stream = client.messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const final = await stream.finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    expect(final.usage).toMatchObject({ input_tokens: 7, output_tokens: 2 });
    const raw = mock.requests.length;
    expect(raw).toBe(1);
  });

  it('streams thinking with thinking_delta and signature_delta', async () => {
    const final = await client.messages
      .stream({
        model: 'claude-haiku-4-5',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'Why?' }],
      })
      .finalMessage();
    expect(final.content[0]).toEqual({
      type: 'thinking',
      thinking: MOCK_THINKING,
      signature: 'mock-signature',
    });
  });

  it('spaces events out by streamChunkDelayMs', async () => {
    const slow = await startMockAnthropic({ streamChunkDelayMs: 20 });
    try {
      const slowClient = new Anthropic({ baseURL: slow.url, apiKey: 'k', openTelemetry: false });
      const started = Date.now();
      await slowClient.messages
        .stream({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
        .finalMessage();
      expect(Date.now() - started).toBeGreaterThanOrEqual(8 * 20 - 5);
    } finally {
      await slow.close();
    }
  });
});
