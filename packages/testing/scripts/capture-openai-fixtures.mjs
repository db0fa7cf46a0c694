// Captures golden OTLP fixtures from the real OpenAI client instrumented by the real
// @opentelemetry/instrumentation-openai, exported by the real OTLP exporters (protobuf and
// JSON, traces and logs) to a local capture server. Each scenario runs in its own trace and
// is flushed on its own, so every scenario gets its own request bodies.
//
//   pnpm --filter @llm-analytics/testing capture:fixtures
//
// Writes packages/core/test/fixtures/otel-openai/<scenario>.{traces,logs}.{pb,json}.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCaptureServer, startMockOpenAI } from '../dist/index.js';

const require = createRequire(import.meta.url);
const scriptDir = dirname(fileURLToPath(import.meta.url));
const outputDir = join(scriptDir, '../../core/test/fixtures/otel-openai');

const { NodeSDK, tracing, logs, metrics } = require('@opentelemetry/sdk-node');
const {
  OTLPTraceExporter: ProtoTraceExporter,
} = require('@opentelemetry/exporter-trace-otlp-proto');
const { OTLPTraceExporter: JsonTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { OTLPLogExporter: ProtoLogExporter } = require('@opentelemetry/exporter-logs-otlp-proto');
const { OTLPLogExporter: JsonLogExporter } = require('@opentelemetry/exporter-logs-otlp-http');
const { OpenAIInstrumentation } = require('@opentelemetry/instrumentation-openai');
const api = require('@opentelemetry/api');

const sink = await startCaptureServer();
const mock = await startMockOpenAI();

// Export only on forceFlush: one request per exporter per scenario.
const batchOptions = {
  scheduledDelayMillis: 3_600_000,
  maxExportBatchSize: 1000,
  maxQueueSize: 10_000,
};
const spanProcessors = [
  new tracing.BatchSpanProcessor(
    new ProtoTraceExporter({ url: `${sink.url}/proto/v1/traces` }),
    batchOptions,
  ),
  new tracing.BatchSpanProcessor(
    new JsonTraceExporter({ url: `${sink.url}/json/v1/traces` }),
    batchOptions,
  ),
];
const logRecordProcessors = [
  // sdk-logs 0.223 takes one options object (the exporter included), unlike BatchSpanProcessor.
  new logs.BatchLogRecordProcessor({
    exporter: new ProtoLogExporter({ url: `${sink.url}/proto/v1/logs` }),
    ...batchOptions,
  }),
  new logs.BatchLogRecordProcessor({
    exporter: new JsonLogExporter({ url: `${sink.url}/json/v1/logs` }),
    ...batchOptions,
  }),
];
const openAIInstrumentation = new OpenAIInstrumentation({ captureMessageContent: true });
const sdk = new NodeSDK({
  serviceName: 'otel-openai-fixtures',
  spanProcessors,
  logRecordProcessors,
  // The instrumentation records metrics too; an in-memory reader keeps a real meter
  // provider without exporting anywhere (its streaming path needs a meter provider).
  metricReaders: [
    new metrics.PeriodicExportingMetricReader({
      exporter: new metrics.InMemoryMetricExporter(metrics.AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
    }),
  ],
  instrumentations: [openAIInstrumentation],
});
sdk.start();

// Required after sdk.start(): the instrumentation patches the CommonJS module on load; an
// ESM import would need the loader hook.
const { default: OpenAI } = require('openai');
const client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-fixtures', maxRetries: 0 });
const tracer = api.trace.getTracer('otel-openai-fixtures-app', '1.0.0');

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

const responsesWeatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a city',
  strict: false,
  parameters: weatherTool.function.parameters,
};

/** Runs `run` with message content capture turned off (privacy mode). */
async function withoutContent(run) {
  openAIInstrumentation.setConfig({ captureMessageContent: false });
  try {
    await run();
  } finally {
    openAIInstrumentation.setConfig({ captureMessageContent: true });
  }
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
        const call = assistant.tool_calls[0];
        messages.push(assistant, {
          role: 'tool',
          tool_call_id: call.id,
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

  async 'chat-stream-tools'() {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weatherTool],
      top_p: 0.9,
      stop: ['END'],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
  },

  async 'chat-no-content'() {
    await withoutContent(() =>
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: 'A private question.' },
        ],
      }),
    );
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

  async 'responses-tools'() {
    await tracer.startActiveSpan('weather-agent', async (span) => {
      try {
        const input = [{ role: 'user', content: 'What is the weather in Paris?' }];
        const first = await client.responses.create({
          model: 'gpt-4o-mini',
          input,
          tools: [responsesWeatherTool],
        });
        const call = first.output.find((item) => item.type === 'function_call');
        input.push(call, {
          type: 'function_call_output',
          call_id: call.call_id,
          output: JSON.stringify({ city: 'Paris', temperature: 21, unit: 'celsius' }),
        });
        await client.responses.create({
          model: 'gpt-4o-mini',
          input,
          tools: [responsesWeatherTool],
        });
      } finally {
        span.end();
      }
    });
  },

  async 'responses-reasoning'() {
    // o4-mini answers with a reasoning item before the message; streamed, every finished
    // output item becomes its own log record.
    const stream = await client.responses.create({
      model: 'o4-mini',
      instructions: 'Think step by step.',
      input: 'Is 17 prime?',
      stream: true,
    });
    for await (const event of stream) void event;
  },

  async 'responses-no-content'() {
    await withoutContent(() =>
      client.responses.create({
        model: 'gpt-4o-mini',
        instructions: 'Private instructions.',
        input: 'A private question.',
      }),
    );
  },

  async 'mixed-http-db'() {
    const attributes = {
      'http.request.method': 'GET',
      'http.route': '/chat',
      'url.path': '/chat',
      'url.scheme': 'http',
      'server.address': 'localhost',
      'server.port': 3000,
    };
    await tracer.startActiveSpan(
      'GET /chat',
      { kind: api.SpanKind.SERVER, attributes },
      async (span) => {
        try {
          await tracer.startActiveSpan(
            'db.query',
            {
              kind: api.SpanKind.CLIENT,
              attributes: {
                'db.system.name': 'postgresql',
                'db.operation.name': 'SELECT',
                'db.query.text': 'SELECT id, name FROM users WHERE id = $1',
              },
            },
            async (dbSpan) => dbSpan.end(),
          );
          await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: 'Summarize the user profile.' }],
          });
          span.setAttribute('http.response.status_code', 200);
        } finally {
          span.end();
        }
      },
    );
  },

  async 'error-429'() {
    mock.inject({ status: 429, retryAfter: 20 });
    await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello?' }] })
      .then(
        () => {
          throw new Error('expected a 429');
        },
        (error) => console.log(`  error-429: caught ${error.constructor.name}: ${error.message}`),
      );
  },

  async 'error-500'() {
    mock.inject({ status: 500 });
    await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello?' }] })
      .then(
        () => {
          throw new Error('expected a 500');
        },
        (error) => console.log(`  error-500: caught ${error.constructor.name}: ${error.message}`),
      );
  },
};

const suffixes = {
  '/proto/v1/traces': 'traces.pb',
  '/json/v1/traces': 'traces.json',
  '/proto/v1/logs': 'logs.pb',
  '/json/v1/logs': 'logs.json',
};

async function flushAll() {
  await Promise.all(
    [...spanProcessors, ...logRecordProcessors].map((processor) => processor.forceFlush()),
  );
}

await mkdir(outputDir, { recursive: true });
// Start clean so a renamed or removed scenario leaves no stale fixture behind.
for (const file of await readdir(outputDir)) {
  if (/\.(traces|logs)\.(pb|json)$/.test(file)) await rm(join(outputDir, file));
}
try {
  for (const [name, run] of Object.entries(scenarios)) {
    sink.reset();
    // A fresh root context: every scenario is its own trace.
    await api.context.with(api.ROOT_CONTEXT, run);
    await flushAll();
    const written = [];
    for (const [path, suffix] of Object.entries(suffixes)) {
      const bodies = sink.requests.filter((request) => request.path === path);
      if (bodies.length > 1)
        throw new Error(`${name}: ${bodies.length} requests to ${path}, expected one`);
      if (bodies.length === 0) continue;
      const file = join(outputDir, `${name}.${suffix}`);
      // The exact bytes the exporter sent (no compression is configured).
      await writeFile(file, bodies[0].body);
      written.push(relative(process.cwd(), file));
    }
    console.log(`${name}: ${written.length} files\n  ${written.join('\n  ')}`);
  }
} finally {
  await sdk.shutdown();
  await mock.close();
  await sink.close();
}
