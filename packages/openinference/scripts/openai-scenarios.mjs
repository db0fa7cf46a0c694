// The scenarios run by the fixture capture script and by the live integration test: the real
// `openai` client instrumented by `@arizeai/openinference-instrumentation-openai`, plus spans
// made with `@arizeai/openinference-core`'s helpers, against the mock OpenAI server.
import { context } from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import * as openaiModule from 'openai';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import {
  getRetrieverAttributes,
  getToolAttributes,
  setMetadata,
  setPromptTemplate,
  setSession,
  setTags,
  setUser,
  traceAgent,
  traceChain,
  traceRetriever,
  traceTool,
} from '@arizeai/openinference-core';

export const SERVICE_NAME = 'openinference-fixtures';

const WEATHER_PARAMETERS = {
  type: 'object',
  properties: {
    city: { type: 'string', description: 'City name' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
  },
  required: ['city'],
};

export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: WEATHER_PARAMETERS,
  },
};

const RESPONSES_WEATHER_TOOL = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: WEATHER_PARAMETERS,
  strict: false,
};

/** The tool the agent runs between the two turns. */
async function getWeather({ city, unit }) {
  return { city, temperature: 21, unit: unit ?? 'celsius' };
}

/** Over 1024 prompt tokens, so the mock reports cached tokens (4 characters per token). */
export const LONG_SYSTEM_PROMPT = Array.from(
  { length: 150 },
  (_, index) => `Rule ${String(index + 1).padStart(3, '0')}: answer briefly and politely.`,
).join(' ');

export const DOCUMENTS = [
  {
    id: 'doc-1',
    content: 'Paris is the capital of France.',
    score: 0.92,
    metadata: { source: 'atlas' },
  },
  { id: 'doc-2', content: 'France is in Western Europe.', score: 0.71 },
];

/**
 * A tracer provider with an in-memory exporter, registered globally (the context helpers
 * and openinference-core's wrappers need the global context manager), and the OpenInference
 * OpenAI instrumentation patched into the ESM `openai` module. `spanProcessors` are added
 * after the exporter's (the integration tests pass a `PostHogSpanProcessor`).
 * @param {{ spanProcessors?: import('@opentelemetry/sdk-trace-base').SpanProcessor[] }} [options]
 */
export function createHarness({ spanProcessors = [] } = {}) {
  const exporter = new InMemorySpanExporter();
  const started = [];
  const ended = [];
  const tracker = {
    onStart: (span) => started.push(span.name),
    onEnd: (span) => ended.push(span.name),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': SERVICE_NAME })),
    spanProcessors: [tracker, new SimpleSpanProcessor(exporter), ...spanProcessors],
  });
  provider.register();
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: provider });
  instrumentation.manuallyInstrument(openaiModule);
  return {
    exporter,
    provider,
    instrumentation,
    /** Forget the spans and start/end bookkeeping of the previous scenario. */
    reset() {
      exporter.reset();
      started.length = 0;
      ended.length = 0;
    },
    /** Names of the spans started and ended since the last reset. */
    lifecycle: () => ({ started: [...started], ended: [...ended] }),
    /** Wait until `count` spans have ended (streamed spans end after the stream is drained). */
    async waitForSpans(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (exporter.getFinishedSpans().length < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      // A little longer, so a span that ends late is not missed by a scenario expecting fewer.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return exporter.getFinishedSpans();
    },
    async shutdown() {
      instrumentation.disable();
      await provider.shutdown();
    },
  };
}

export function createClient(mock) {
  return new openaiModule.OpenAI({ baseURL: mock.url, apiKey: 'test', maxRetries: 0 });
}

async function drain(stream) {
  for await (const _chunk of stream) {
    // The caller's half of the instrumentation's tee: read to the end.
  }
}

/**
 * Every scenario: `spans` is how many spans end (and are exported); `run(client, mock)`.
 * @type {Array<{ name: string, description: string, spans: number, run: (client: any, mock: any) => Promise<void> }>}
 */
export const SCENARIOS = [
  {
    name: 'chat',
    description: 'system + user message, `gpt-4o-mini`, `temperature: 0.7`, `max_tokens: 256`',
    spans: 1,
    run: async (client) => {
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'You are a helpful assistant. Answer in one sentence.' },
          { role: 'user', content: 'What is the capital of France?' },
        ],
        temperature: 0.7,
        max_tokens: 256,
      });
    },
  },
  {
    name: 'chat-stream',
    description: 'streamed, with `stream_options.include_usage` (the mock sends the usage chunk)',
    spans: 1,
    run: async (client) => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Tell me a fact about Paris.' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      await drain(stream);
    },
  },
  {
    name: 'chat-stream-tools',
    description: 'streamed tool call on `gpt-4o` with `top_p` and `stop`',
    spans: 1,
    run: async (client) => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [WEATHER_TOOL],
        stream: true,
        top_p: 0.9,
        stop: ['END'],
      });
      await drain(stream);
    },
  },
  {
    name: 'chat-multipart',
    description: 'user message with a text part and an image part',
    spans: 1,
    run: async (client) => {
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      });
    },
  },
  {
    name: 'chat-reasoning-cached',
    description: '`o4-mini` with a system prompt over 1024 tokens: cached and reasoning tokens',
    spans: 1,
    run: async (client) => {
      await client.chat.completions.create({
        model: 'o4-mini',
        messages: [
          { role: 'system', content: LONG_SYSTEM_PROMPT },
          { role: 'user', content: 'Is 17 prime?' },
        ],
        max_completion_tokens: 512,
      });
    },
  },
  {
    name: 'tools-two-turns',
    description:
      '`weather-agent` (openinference-core `traceAgent`): tool call, `get_weather` (`traceTool`), then the answer',
    spans: 4,
    run: async (client) => {
      const runTool = traceTool(getWeather, {
        name: 'get_weather',
        attributes: getToolAttributes({
          name: 'get_weather',
          description: 'Current weather in a city',
          parameters: WEATHER_PARAMETERS,
        }),
      });
      const agent = traceAgent(
        async (question) => {
          const messages = [{ role: 'user', content: question }];
          const first = await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages,
            tools: [WEATHER_TOOL],
          });
          const assistant = first.choices[0].message;
          messages.push(assistant);
          for (const call of assistant.tool_calls ?? []) {
            const result = await runTool(JSON.parse(call.function.arguments));
            messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
          }
          const second = await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages,
            tools: [WEATHER_TOOL],
          });
          return second.choices[0].message.content;
        },
        { name: 'weather-agent' },
      );
      await agent('What is the weather in Paris?');
    },
  },
  {
    name: 'embeddings',
    description: '`text-embedding-3-small` over two texts',
    spans: 1,
    run: async (client) => {
      await client.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['The food was delicious.', 'The waiter was friendly.'],
      });
    },
  },
  {
    name: 'responses',
    description:
      'Responses API: `instructions` + string `input`, `temperature`, `max_output_tokens`',
    spans: 1,
    run: async (client) => {
      await client.responses.create({
        model: 'gpt-4o-mini',
        instructions: 'You are a concise assistant.',
        input: 'Name three primary colors.',
        temperature: 0.2,
        max_output_tokens: 128,
      });
    },
  },
  {
    name: 'responses-stream',
    description: 'Responses API, streamed',
    spans: 1,
    run: async (client) => {
      const stream = await client.responses.create({
        model: 'gpt-4o-mini',
        instructions: 'You are a concise assistant.',
        input: 'Name three primary colors.',
        stream: true,
      });
      await drain(stream);
    },
  },
  {
    name: 'responses-tools',
    description: 'Responses API function call, then `function_call_output` → the answer',
    spans: 2,
    run: async (client) => {
      const question = { role: 'user', content: 'What is the weather in Paris?' };
      const first = await client.responses.create({
        model: 'gpt-4o-mini',
        input: [question],
        tools: [RESPONSES_WEATHER_TOOL],
      });
      const call = first.output.find((item) => item.type === 'function_call');
      const result = await getWeather(JSON.parse(call.arguments));
      await client.responses.create({
        model: 'gpt-4o-mini',
        input: [
          question,
          call,
          { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(result) },
        ],
        tools: [RESPONSES_WEATHER_TOOL],
      });
    },
  },
  {
    name: 'context',
    description:
      '`setSession`, `setUser`, `setMetadata`, `setTags` and `setPromptTemplate` around one chat call',
    spans: 1,
    run: async (client) => {
      let active = setSession(context.active(), { sessionId: 'session-42' });
      active = setUser(active, { userId: 'user-7' });
      active = setMetadata(active, { tenant: 'acme', plan: 'pro', experiment: { arm: 'b' } });
      active = setTags(active, ['support', 'beta']);
      active = setPromptTemplate(active, {
        template: 'Tell me about {topic}.',
        variables: { topic: 'France' },
        version: 'v3',
      });
      await context.with(active, () =>
        client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'Tell me about France.' }],
        }),
      );
    },
  },
  {
    name: 'chain-retriever',
    description:
      '`rag-pipeline` (`traceChain`) → `vector-search` (`traceRetriever`) + one chat call',
    spans: 3,
    run: async (client) => {
      const retrieve = traceRetriever(async (_query) => DOCUMENTS, {
        name: 'vector-search',
        processOutput: (documents) => getRetrieverAttributes({ documents }),
      });
      const pipeline = traceChain(
        async (question) => {
          const documents = await retrieve(question);
          const completion = await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [
              { role: 'system', content: documents.map((d) => d.content).join('\n') },
              { role: 'user', content: question },
            ],
          });
          return { answer: completion.choices[0].message.content, sources: documents.length };
        },
        { name: 'rag-pipeline' },
      );
      await pipeline('Which city is the capital of France?');
    },
  },
  {
    name: 'error-429',
    description: 'chat call failing with 429 (`maxRetries: 0`)',
    spans: 0,
    run: async (client, mock) => {
      mock.inject({ status: 429, path: '/chat/completions' });
      await client.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello?' }] })
        .then(
          () => {
            throw new Error('expected a 429');
          },
          (error) => {
            if (error?.status !== 429) throw error;
          },
        );
    },
  },
  {
    name: 'error-429-in-chain',
    description: 'the same 429 inside a `traceChain` wrapper',
    spans: 1,
    run: async (client, mock) => {
      mock.inject({ status: 429, path: '/chat/completions' });
      const pipeline = traceChain(
        async (question) =>
          client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: question }],
          }),
        { name: 'failing-pipeline' },
      );
      await pipeline('Hello?').then(
        () => {
          throw new Error('expected a 429');
        },
        (error) => {
          if (error?.status !== 429) throw error;
        },
      );
    },
  },
];
