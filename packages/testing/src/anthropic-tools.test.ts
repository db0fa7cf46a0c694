import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
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

const weatherTool: Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['city'],
  },
};

const question: MessageParam = { role: 'user', content: 'Weather in Paris?' };

describe('tool use over two turns', () => {
  it('answers tool_use, then text quoting the tool_result (JSON)', async () => {
    const first = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      messages: [question],
      tools: [weatherTool],
    });
    expect(first.stop_reason).toBe('tool_use');
    expect(first.content).toEqual([
      {
        type: 'tool_use',
        id: 'toolu_mock_1',
        name: 'get_weather',
        input: { city: 'Paris', unit: 'celsius' },
      },
    ]);
    // ceil(('get_weather' + '{"city":"Paris","unit":"celsius"}').length / 4)
    expect(first.usage.output_tokens).toBe(11);

    const second = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_mock_1', content: '21°C, sunny' }],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([
      { type: 'text', text: 'The get_weather tool returned: 21°C, sunny' },
    ]);
  });

  it('streams tool_use with input_json_delta fragments the stream helper reassembles', async () => {
    const stream = client.messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      messages: [question],
      tools: [weatherTool],
    });
    const fragments: string[] = [];
    stream.on('inputJson', (partial) => fragments.push(partial));
    const final = await stream.finalMessage();
    expect(fragments.length).toBeGreaterThan(2);
    expect(fragments.join('')).toBe('{"city":"Paris","unit":"celsius"}');
    expect(final.content).toEqual([
      {
        type: 'tool_use',
        id: 'toolu_mock_1',
        name: 'get_weather',
        input: { city: 'Paris', unit: 'celsius' },
      },
    ]);
    expect(final.stop_reason).toBe('tool_use');

    const second = await client.messages
      .stream({
        model: 'claude-haiku-4-5',
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          question,
          { role: 'assistant', content: final.content },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_mock_1',
                content: [{ type: 'text', text: '{"temperature":21}' }],
              },
            ],
          },
        ],
      })
      .finalMessage();
    expect(second.content[0]).toMatchObject({
      type: 'text',
      text: 'The get_weather tool returned: {"temperature":21}',
    });
  });

  it('calls the tool named by tool_choice, and none with tool_choice none', async () => {
    const lookup: Tool = { name: 'lookup', input_schema: { type: 'object', properties: {} } };
    const named = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [question],
      tools: [weatherTool, lookup],
      tool_choice: { type: 'tool', name: 'lookup' },
    });
    expect(named.content[0]).toMatchObject({ type: 'tool_use', name: 'lookup', input: {} });

    const none = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [question],
      tools: [weatherTool],
      tool_choice: { type: 'none' },
    });
    expect(none.content).toEqual([{ type: 'text', text: 'Echo: Weather in Paris?' }]);
  });
});
