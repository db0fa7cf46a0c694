import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
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

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
};

const question: ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris?' };

describe('tool calls over two turns', () => {
  it('calls the first tool, then answers with the tool result (JSON)', async () => {
    const first = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [question],
      tools: [weatherTool],
    });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: 'call_mock_1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      },
    ]);

    const second = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        question,
        choice!.message,
        { role: 'tool', tool_call_id: 'call_mock_1', content: '{"temperature":21}' },
      ],
      tools: [weatherTool],
    });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe(
      'The get_weather tool returned: {"temperature":21}',
    );
  });

  it('streams the tool call as an id/name delta followed by argument fragments', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [question],
      tools: [weatherTool],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const firstCall = chunks[0]?.choices[0]?.delta.tool_calls?.[0];
    expect(firstCall).toEqual({
      index: 0,
      id: 'call_mock_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const argumentsText = chunks
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
      .map((call) => call.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('is accepted by the client stream helper for tool calls and tool results', async () => {
    const firstTurn = await client.chat.completions
      .stream({ model: 'gpt-4o-mini', messages: [question], tools: [weatherTool] })
      .finalChatCompletion();
    const message = firstTurn.choices[0]!.message;
    expect(message.tool_calls?.[0]).toMatchObject({ id: 'call_mock_1' });

    const secondTurn = await client.chat.completions
      .stream({
        model: 'gpt-4o-mini',
        messages: [
          question,
          message,
          { role: 'tool', tool_call_id: 'call_mock_1', content: 'sunny' },
        ],
        tools: [weatherTool],
      })
      .finalChatCompletion();
    expect(secondTurn.choices[0]?.message.content).toBe('The get_weather tool returned: sunny');
  });

  it('answers with text when tool_choice is none', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [question],
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(completion.choices[0]?.message.content).toBe('Echo: Weather in Paris?');
  });
});
