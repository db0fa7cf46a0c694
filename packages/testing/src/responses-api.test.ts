import OpenAI from 'openai';
import type { FunctionTool } from 'openai/resources/responses/responses';
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

const weatherTool: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  strict: true,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};

describe('responses API', () => {
  it('answers JSON with a message item, instructions and usage details', async () => {
    const response = await client.responses.create({
      model: 'gpt-4o-mini',
      instructions: 'Be brief.',
      input: 'Say hi',
    });
    expect(response.id).toBe('resp_mock_1');
    expect(response.model).toBe('gpt-4o-mini-2024-07-18');
    expect(response.instructions).toBe('Be brief.');
    expect(response.output_text).toBe('Echo: Say hi');
    expect(response.output[0]).toMatchObject({
      type: 'message',
      id: 'msg_mock_1',
      role: 'assistant',
    });
    // 3 + (3 + ceil(9/4)) + (3 + ceil(6/4)) = 3 + 6 + 5
    expect(response.usage).toEqual({
      input_tokens: 14,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 17,
    });
  });

  it('streams the real event sequence', async () => {
    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      input: [{ role: 'user', content: 'Stream this' }],
      stream: true,
    });
    const events = [];
    for await (const event of stream) events.push(event);
    const types = [...new Set(events.map((event) => event.type))];
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const deltas = events.flatMap((event) =>
      event.type === 'response.output_text.delta' ? [event.delta] : [],
    );
    expect(deltas.join('')).toBe('Echo: Stream this');
    const completed = events.at(-1);
    expect(
      completed?.type === 'response.completed' && completed.response.usage?.total_tokens,
    ).toBeGreaterThan(0);
  });

  it('is accepted by the client stream helper', async () => {
    const response = await client.responses
      .stream({ model: 'o4-mini', instructions: 'Think.', input: 'Why?' })
      .finalResponse();
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.output_text).toBe('Echo: Why?');
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(64);
  });

  it('calls a function tool, then answers from the function_call_output', async () => {
    const first = await client.responses.create({
      model: 'gpt-4o-mini',
      input: 'Weather in Paris?',
      tools: [weatherTool],
    });
    const call = first.output[0];
    expect(call).toEqual({
      id: 'fc_mock_1',
      type: 'function_call',
      status: 'completed',
      call_id: 'call_mock_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    const second = await client.responses.create({
      model: 'gpt-4o-mini',
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        call as OpenAI.Responses.ResponseFunctionToolCall,
        { type: 'function_call_output', call_id: 'call_mock_1', output: '{"temperature":21}' },
      ],
      tools: [weatherTool],
    });
    expect(second.output_text).toBe('The get_weather tool returned: {"temperature":21}');
  });

  it('streams function call argument deltas', async () => {
    const response = await client.responses
      .stream({ model: 'gpt-4o-mini', input: 'Weather?', tools: [weatherTool] })
      .finalResponse();
    expect(response.output[0]).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
  });
});
