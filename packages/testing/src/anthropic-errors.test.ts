import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockAnthropicServer } from './anthropic-types';
import { startMockAnthropic } from './mock-anthropic-server';

let mock: MockAnthropicServer;
let client: Anthropic;

beforeAll(async () => {
  mock = await startMockAnthropic();
  // The client retries 408, 409, 429 and 5xx (529 too) twice by default: error tests turn it off.
  client = new Anthropic({
    baseURL: mock.url,
    apiKey: 'sk-ant-test',
    maxRetries: 0,
    openTelemetry: false,
  });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const ask = () =>
  client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 32,
    messages: [{ role: 'user', content: 'hi' }],
  });

describe('error injection', () => {
  it('surfaces an injected 429 as a RateLimitError with the Anthropic error body', async () => {
    mock.inject({ status: 429, retryAfter: 20 });
    const error = await ask().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      requestID: 'req_mock_1',
      error: { type: 'error', error: { type: 'rate_limit_error' }, request_id: 'req_mock_1' },
    });
    // The SDK's message is the status and the whole JSON body, as with the real API.
    expect((error as Error).message).toMatch(
      /^429 \{"type":"error","error":\{"type":"rate_limit_error"/,
    );
    expect((error as APIError).headers?.get('retry-after')).toBe('20');
    expect((error as APIError).headers?.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    await expect(ask()).resolves.toMatchObject({ type: 'message' });
  });

  it('surfaces 500 api_error and 529 overloaded_error as InternalServerError', async () => {
    mock.inject({ status: 500 });
    const internal = await ask().catch((caught: unknown) => caught);
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
    expect(internal).toMatchObject({ status: 500, type: 'api_error' });

    mock.inject({ status: 529 });
    const overloaded = await ask().catch((caught: unknown) => caught);
    expect(overloaded).toBeInstanceOf(Anthropic.InternalServerError);
    expect(overloaded).toMatchObject({ status: 529, type: 'overloaded_error' });
    expect((overloaded as Error).message).toBe(
      '529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_mock_2"}',
    );
  });

  it('fails a stream mid-way with an error event when the fault says midStream', async () => {
    mock.inject({ status: 529, midStream: true });
    const stream = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 32,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const types: string[] = [];
    const error = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((caught: unknown) => caught);
    expect(types).toEqual(['message_start']);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ type: 'overloaded_error' });
  });

  it('answers the status named by the x-mock-status header', async () => {
    const error = await client.messages
      .create(
        { model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'x-mock-status': '403' } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(error).toMatchObject({ type: 'permission_error' });
  });

  it('lets the client retry through a fault injected `times` times', async () => {
    const retrying = new Anthropic({
      baseURL: mock.url,
      apiKey: 'k',
      maxRetries: 2,
      openTelemetry: false,
    });
    mock.inject({ status: 529, times: 2, headers: { 'retry-after-ms': '5' } });
    const message = await retrying.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    expect(mock.requests).toHaveLength(3);
  });

  it('rejects a wrong x-api-key with 401 authentication_error when apiKey is configured', async () => {
    const guarded = await startMockAnthropic({ apiKey: 'sk-ant-right' });
    try {
      const wrong = new Anthropic({
        baseURL: guarded.url,
        apiKey: 'sk-ant-wrong',
        maxRetries: 0,
        openTelemetry: false,
      });
      const error = await wrong.messages
        .create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect(error).toMatchObject({ type: 'authentication_error' });
      const right = new Anthropic({
        baseURL: guarded.url,
        apiKey: 'sk-ant-right',
        openTelemetry: false,
      });
      await expect(right.models.list()).resolves.toBeDefined();
    } finally {
      await guarded.close();
    }
  });
});
