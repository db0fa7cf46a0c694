'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS app, on purpose */
// A CommonJS app set up as the README says: PostHog's NodeSDK snippet with this package's
// createPostHogProcessors(), the real OpenAI instrumentation and the real openai client.
// Shared by the Node 20 and Node 22 suites: every library comes from LIB_ROOT's node_modules.
//
// Environment: LIB_ROOT, MOCK_URL, LLM_ANALYTICS_HOST, TOKEN, TOKEN_OPTION (apiKey |
// projectToken), SCENARIOS (comma separated), MARKERS=1 (flush and POST /__scenario__/<name>
// to the capture server after each scenario), EXIT (shutdown | sigterm | none),
// REQUIRE_CLIENT_FIRST=1 (require openai before sdk.start(): nothing gets patched).
const { createRequire } = require('node:module');
const path = require('node:path');

const libs = createRequire(path.join(process.env.LIB_ROOT, 'package.json'));
const OpenAIEarly = process.env.REQUIRE_CLIENT_FIRST === '1' ? libs('openai').default : undefined;
const { NodeSDK } = libs('@opentelemetry/sdk-node');
const { OpenAIInstrumentation } = libs('@opentelemetry/instrumentation-openai');
const api = libs('@opentelemetry/api');
const { createPostHogProcessors } = libs('@llm-analytics/node-sdk');

const posthog = createPostHogProcessors({
  [process.env.TOKEN_OPTION || 'apiKey']: process.env.TOKEN,
  host: process.env.LLM_ANALYTICS_HOST,
  flushIntervalMs: 100,
});
const sdk = new NodeSDK({
  serviceName: 'node-sdk-suite',
  ...posthog,
  instrumentations: [new OpenAIInstrumentation({ captureMessageContent: true })],
});
sdk.start();

// After sdk.start(): the instrumentation patches the CommonJS module as it is required.
const OpenAI = OpenAIEarly ?? libs('openai').default;
const client = new OpenAI({ baseURL: process.env.MOCK_URL, apiKey: 'sk-suite', maxRetries: 0 });
const tracer = api.trace.getTracer('node-sdk-suite-app', '1.0.0');

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city'],
    },
  },
};

async function expectFailure(status) {
  try {
    await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello?' }] },
      { headers: { 'x-mock-status': String(status) } },
    );
  } catch (error) {
    if (error.status === status) return;
    throw error;
  }
  throw new Error(`expected a ${status}`);
}

const scenarios = {
  async chat() {
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

  async 'chat-stream'() {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
  },

  async 'tools-two-turns'() {
    await tracer.startActiveSpan('weather-agent', async (span) => {
      try {
        const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
        const first = await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages,
          tools: [weatherTool],
        });
        const assistant = first.choices[0].message;
        messages.push(assistant, {
          role: 'tool',
          tool_call_id: assistant.tool_calls[0].id,
          content: JSON.stringify({ city: 'Paris', temperature: 21, unit: 'celsius' }),
        });
        await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages,
          tools: [weatherTool],
        });
      } finally {
        span.end();
      }
    });
  },

  async embeddings() {
    await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'The quick brown fox jumps over the lazy dog',
    });
  },

  async responses() {
    await client.responses.create({
      model: 'gpt-4o-mini',
      instructions: 'You are a concise assistant.',
      input: 'Name three primary colors.',
      temperature: 0.5,
      max_output_tokens: 128,
    });
  },

  async 'responses-stream'() {
    const stream = await client.responses.create({
      model: 'gpt-4o-mini',
      instructions: 'You are a concise assistant.',
      input: [{ role: 'user', content: 'Name three primary colors.' }],
      stream: true,
    });
    for await (const event of stream) void event;
  },

  'error-429': () => expectFailure(429),
  'error-500': () => expectFailure(500),
};

async function main() {
  process.stdout.write(`node ${process.version}\n`);
  const names = (process.env.SCENARIOS ?? '').split(',').filter(Boolean);
  for (const name of names) {
    if (!scenarios[name]) throw new Error(`unknown scenario ${name}`);
    // A fresh root context: every scenario is its own trace.
    await api.context.with(api.ROOT_CONTEXT, scenarios[name]);
    if (process.env.MARKERS === '1') {
      await posthog.spanProcessors[0].forceFlush();
      await fetch(`${process.env.LLM_ANALYTICS_HOST}/__scenario__/${name}`, { method: 'POST' });
    }
  }
  const exit = process.env.EXIT || 'shutdown';
  if (exit === 'shutdown') await sdk.shutdown();
  if (exit === 'sigterm') {
    // What the README asks of long-running apps: shut the SDK down on SIGTERM.
    process.once('SIGTERM', () => {
      sdk.shutdown().finally(() => process.exit(0));
    });
    setInterval(() => undefined, 1000);
    process.stdout.write('ready\n');
  }
  // exit === 'none': the event loop empties and the process ends without shutdown().
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
