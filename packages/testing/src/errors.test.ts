import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAI } from './mock-openai-server';
import type { MockOpenAIServer } from './types';

let mock: MockOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockOpenAI();
  // The client retries 429 and 5xx twice by default; error tests must disable that.
  client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const chat = (model = 'gpt-4o-mini') =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

describe('error injection', () => {
  it('surfaces an injected 429 as a RateLimitError with the OpenAI error body', async () => {
    mock.inject({ status: 429, retryAfter: 20 });
    const error = await chat().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect((error as Error).message).toMatch(/^429 Rate limit reached for gpt-4o-mini/);
    expect((error as APIError).headers?.get('retry-after')).toBe('20');
    await expect(chat()).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('surfaces an injected 500 as an InternalServerError', async () => {
    mock.inject({ status: 500, path: '/embeddings' });
    await expect(chat()).resolves.toBeDefined();
    const error = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 500, type: 'server_error' });
  });

  it('answers the status named by the x-mock-status header', async () => {
    const error = await client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'x-mock-status': '503' } },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as APIError).status).toBe(503);
  });

  it('lets the client retry through a fault injected `times` times', async () => {
    const retrying = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 2 });
    mock.inject({ status: 500, times: 2, headers: { 'retry-after-ms': '5' } });
    const completion = await retrying.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: hi');
    expect(mock.requests).toHaveLength(3);
  });

  it('delays responses so client timeouts can be tested', async () => {
    mock.inject({ delayMs: 300 });
    const error = await client.chat.completions
      .create(
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
        { timeout: 50 },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('rejects a wrong API key with 401 when apiKey is configured', async () => {
    const guarded = await startMockOpenAI({ apiKey: 'sk-right' });
    try {
      const wrong = new OpenAI({ baseURL: guarded.url, apiKey: 'sk-wrong', maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    } finally {
      await guarded.close();
    }
  });
});
