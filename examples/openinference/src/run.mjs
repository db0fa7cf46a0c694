// The OpenInference example: OpenAI calls instrumented by
// @arizeai/openinference-instrumentation-openai (plus @arizeai/openinference-core's helpers)
// become $ai_* events through @llm-analytics/openinference. `start.mjs` runs it from the
// command line; a demo script can import `run` and call it (once per process: the tracer
// provider is registered globally).
import { context } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  getToolAttributes,
  setMetadata,
  setSession,
  setTags,
  setUser,
  traceAgent,
  traceChain,
  traceTool,
} from '@arizeai/openinference-core';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import OpenAI from 'openai';
import { PostHogSpanProcessor } from '@llm-analytics/openinference';

const MODEL = 'gpt-4o-mini';

const WEATHER_PARAMETERS = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: WEATHER_PARAMETERS,
  },
};

const getWeather = traceTool(async ({ city }) => ({ city, temperature: 21, unit: 'celsius' }), {
  name: 'get_weather',
  attributes: getToolAttributes({
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: WEATHER_PARAMETERS,
  }),
});

async function ask(client, content) {
  const completion = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content }],
  });
  return completion.choices[0].message.content;
}

async function streamHaiku(client) {
  const stream = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
    stream: true,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

/** An AGENT span over two turns with a TOOL span in between. */
function weatherAgent(client) {
  return traceAgent(
    async (question) => {
      const messages = [{ role: 'user', content: question }];
      const first = await client.chat.completions.create({
        model: MODEL,
        messages,
        tools: [weatherTool],
      });
      const assistant = first.choices[0].message;
      if (!assistant.tool_calls?.length) return assistant.content;
      messages.push(assistant);
      for (const call of assistant.tool_calls) {
        const result = await getWeather(JSON.parse(call.function.arguments));
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
      }
      const second = await client.chat.completions.create({
        model: MODEL,
        messages,
        tools: [weatherTool],
      });
      return second.choices[0].message.content;
    },
    { name: 'weather-agent' },
  );
}

/** A CHAIN with metadata and tags in its context: they land on every event inside. */
function supportAnswer(client) {
  const chain = traceChain((question) => ask(client, question), { name: 'support-answer' });
  let active = setMetadata(context.active(), { tenant: 'acme', plan: 'pro' });
  active = setTags(active, ['support']);
  return (question) => context.with(active, () => chain(question));
}

let started = false;

/**
 * Runs the scenarios (chat, streamed chat, an agent with a tool, embeddings, a chain with
 * metadata) as one user in one session, flushes, and returns the events sent by type.
 * `openaiBaseUrl` undefined: the real OpenAI API (with `openaiApiKey`).
 */
export async function run({ host, token, openaiBaseUrl, openaiApiKey = 'sk-mock' }) {
  if (started)
    throw new Error('run() registers a global tracer provider: call it once per process');
  started = true;
  const sent = {};
  const processor = new PostHogSpanProcessor({
    apiKey: token,
    host,
    beforeSend(event) {
      sent[event.event] = (sent[event.event] ?? 0) + 1;
      return event;
    },
  });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'llm-analytics-openinference-example' }),
    spanProcessors: [processor],
  });
  // Global: the context helpers (setSession, setUser, …) need its context manager.
  provider.register();
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider });
  // ESM: hand the instrumentation the class to patch (its require hook does not see `import`).
  instrumentation.manuallyInstrument(OpenAI);
  const client = new OpenAI({ baseURL: openaiBaseUrl, apiKey: openaiApiKey, maxRetries: 1 });

  try {
    let person = setSession(context.active(), {
      sessionId: `openinference-example-${Date.now()}`,
    });
    person = setUser(person, { userId: 'example-user' });
    await context.with(person, async () => {
      await ask(client, 'What is the capital of France?');
      await streamHaiku(client);
      await weatherAgent(client)('What is the weather in Paris?');
      await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['The food was delicious.', 'The waiter was friendly.'],
      });
      await supportAnswer(client)('How do I reset my password?');
    });
  } finally {
    instrumentation.disable();
    // Flushes and stops the processor: everything is delivered.
    await provider.shutdown();
  }
  const total = Object.values(sent).reduce((sum, count) => sum + count, 0);
  return { sent, total };
}
