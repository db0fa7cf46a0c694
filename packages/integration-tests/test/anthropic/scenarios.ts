import type Anthropic from '@anthropic-ai/sdk';
import type { MockAnthropicServer } from '@llm-analytics/testing';

/** Model of every Anthropic scenario; the mock answers as `claude-haiku-4-5-20251001`. */
export const MODEL = 'claude-haiku-4-5';
export const RESPONSE_MODEL = 'claude-haiku-4-5-20251001';

/**
 * A system prompt long enough to cache (the mock caches prefixes of 1,024+ tokens): 1,109
 * tokens up to its `cache_control` breakpoint, as the mock counts them.
 */
const cachedRequest = (question: string) => ({
  model: MODEL,
  max_tokens: 256,
  system: [
    { type: 'text' as const, text: 'Answer from the manual.' },
    {
      type: 'text' as const,
      text: 'm'.repeat(4_400),
      cache_control: { type: 'ephemeral' as const },
    },
  ],
  messages: [{ role: 'user' as const, content: question }],
});

/** Token counts the mock reports for the scenarios, Anthropic-style (input excludes the cache). */
export const USAGE = {
  cacheWrite: { input: 10, cacheWrite: 1109, cacheRead: 0, output: 8 },
  streamRead: { input: 5, cacheWrite: 0, cacheRead: 1109, output: 4 },
  toolCall: { input: 54, output: 7 },
  toolAnswer: { input: 70, output: 11 },
} as const;

const tools = [
  {
    name: 'get_weather',
    description: 'Get the weather for a city',
    input_schema: {
      type: 'object' as const,
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
];

/** The first call writes the prompt cache. */
export async function cacheWrite(client: Anthropic): Promise<void> {
  await client.messages.create(cachedRequest('What does the manual say?'));
}

/** A streamed call (`stream: true`) that reads the cache the first one wrote. */
export async function streamRead(client: Anthropic): Promise<void> {
  const stream = await client.messages.create({ ...cachedRequest('second?'), stream: true });
  for await (const _event of stream);
}

/** Tool use over two turns: `tool_use`, then the `tool_result` answered in text. */
export async function toolUseTwoTurns(client: Anthropic): Promise<void> {
  const question = { role: 'user' as const, content: 'What is the weather in Paris?' };
  const first = await client.messages.create({
    model: MODEL,
    max_tokens: 256,
    tools,
    messages: [question],
  });
  const toolUse = first.content.find((block) => block.type === 'tool_use');
  if (toolUse?.type !== 'tool_use') throw new Error('the mock did not call the tool');
  await client.messages.create({
    model: MODEL,
    max_tokens: 256,
    tools,
    messages: [
      question,
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Sunny, 21 °C' }],
      },
    ],
  });
}

/** `messages.stream()`, the SDK's streaming helper, on a cached prompt. */
export async function streamHelper(client: Anthropic): Promise<void> {
  await client.messages.stream(cachedRequest('third?')).finalMessage();
}

/** A call answered with 429. */
export async function rateLimited(client: Anthropic, mock: MockAnthropicServer): Promise<void> {
  mock.inject({ status: 429 });
  await client.messages
    .create({ model: MODEL, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => {
        throw new Error('expected a 429');
      },
      (error: { status?: number }) => {
        if (error.status !== 429) throw error;
      },
    );
}
