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

describe('embeddings', () => {
  it('answers the client default (base64) with vectors the client decodes', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello world',
    });
    expect(mock.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    const vector = result.data[0]!.embedding;
    expect(vector).toHaveLength(8);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
  });

  it('gives the same vectors as floats and as base64', async () => {
    const input = ['alpha', 'beta'];
    const base64 = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input,
      encoding_format: 'float',
    });
    expect(floats.data.map((item) => item.embedding)).toEqual(
      base64.data.map((item) => item.embedding),
    );
    expect(floats.data.map((item) => item.index)).toEqual([0, 1]);
    expect(floats.data[0]!.embedding).not.toEqual(floats.data[1]!.embedding);
    expect(floats.usage.prompt_tokens).toBe(3); // ceil(5/4) + ceil(4/4)
  });

  it('honours the dimensions parameter', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-large',
      input: 'sized',
      dimensions: 32,
    });
    expect(result.data[0]?.embedding).toHaveLength(32);
  });
});
