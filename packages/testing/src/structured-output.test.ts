import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_JUDGE_ANSWER_PREFIX } from './chat-answer';
import { startMockOpenAI } from './mock-openai-server';
import type { MockOpenAIServer } from './types';

let mock: MockOpenAIServer;
let client: OpenAI;

beforeAll(async () => {
  mock = await startMockOpenAI();
  client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => mock.close());

const schema = {
  type: 'object',
  properties: {
    reasoning: { type: 'string' },
    score: { type: 'number', minimum: 2, maximum: 5 },
    tone: { type: 'string', enum: ['kind', 'rude'] },
  },
  required: ['reasoning', 'score', 'tone'],
  additionalProperties: false,
};

const judge = (prompt: string) =>
  client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'evaluation', strict: true, schema },
    },
  });

describe('structured output (an LLM judge)', () => {
  it('answers an instance of the schema: numbers at their minimum, enums at their first value', async () => {
    const completion = await judge('Rate this answer.');
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({
      reasoning: 'Paris',
      score: 2,
      tone: 'kind',
    });
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('answers the scripted text verbatim, valid or not, for tests of judge outcomes', async () => {
    const scripted = await judge(`Rate it.\nAnswer: ${MOCK_JUDGE_ANSWER_PREFIX} {"score": 9}`);
    expect(scripted.choices[0]!.message.content).toBe('{"score": 9}');
    const broken = await judge(`${MOCK_JUDGE_ANSWER_PREFIX} not json at all`);
    expect(broken.choices[0]!.message.content).toBe('not json at all');
  });
});
