import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAI } from './mock-openai-server';
import type { MockOpenAIServer } from './types';

let mock: MockOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockOpenAI();
  client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

describe('chat completions', () => {
  it('answers JSON with an echo, a dated response model and deterministic usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hello there' },
      ],
      temperature: 0.2,
      max_tokens: 100,
    });
    expect(completion.id).toBe('chatcmpl-mock-1');
    expect(completion.model).toBe('gpt-4o-mini-2024-07-18');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Echo: Hello there',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    // 3 per request + (3 + ceil(14/4)) + (3 + ceil(11/4)) = 3 + 7 + 6
    expect(completion.usage).toMatchObject({
      prompt_tokens: 16,
      completion_tokens: 5, // ceil('Echo: Hello there'.length / 4)
      total_tokens: 21,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(mock.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 100 },
    });
    expect(mock.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('streams content deltas, a finish chunk and the usage chunk with include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Stream me a reply' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Echo: Stream me a reply');
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.every((chunk) => chunk.model === 'gpt-4o-2024-08-06')).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 6 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('omits the usage chunk without include_usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'no usage' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('is accepted by the client stream helper, which rebuilds the completion', async () => {
    const runner = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'helper' }],
      stream_options: { include_usage: true },
    });
    const completion = await runner.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe('Echo: helper');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('reports reasoning tokens for reasoning models', async () => {
    for (const model of ['o3-mini', 'o4-mini', 'gpt-5']) {
      const completion = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'think' }],
      });
      expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(64);
      expect(completion.usage?.completion_tokens).toBe(64 + 3);
    }
  });

  it('reports cached tokens for long prompts', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'x'.repeat(6000) },
        { role: 'user', content: 'question' },
      ],
    });
    // 3 + (3 + 1500) + (3 + 2) = 1511 prompt tokens → 1024 + 3 * 128 cached
    expect(completion.usage?.prompt_tokens).toBe(1511);
    expect(completion.usage?.prompt_tokens_details?.cached_tokens).toBe(1408);
  });

  it('stops with finish_reason length when max_tokens cuts the answer', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'a fairly long question to echo back' }],
      max_tokens: 2,
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: a ');
    expect(completion.choices[0]?.finish_reason).toBe('length');
  });

  it('lists models', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('gpt-4o-mini');
  });
});
