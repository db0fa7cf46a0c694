// OpenAI calls traced by the contrib OpenAI instrumentation and shipped by NodeSDK's own OTLP
// exporter. Nothing of ours runs in this process: the exporter is configured only through
// the OTEL_EXPORTER_OTLP_TRACES_* variables, as in PostHog's OTLP docs, and the server maps.
import { createRequire } from 'node:module';
import { startMockOpenAI } from '@llm-analytics/testing';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { NodeSDK } from '@opentelemetry/sdk-node';

const require = createRequire(import.meta.url);

/** Run the calls; `env` must hold OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / _HEADERS. */
export async function run({ env = process.env, log = console.log } = {}) {
  if (!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    throw new Error(
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not set (e.g. http://127.0.0.1:8010/i/v0/ai/otel)',
    );
  }
  // NodeSDK reads its exporter settings from process.env.
  Object.assign(process.env, {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? 'http/protobuf',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
    OTEL_SERVICE_NAME: env.OTEL_SERVICE_NAME ?? 'otlp-exporter-example',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    ...(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS
      ? { OTEL_EXPORTER_OTLP_TRACES_HEADERS: env.OTEL_EXPORTER_OTLP_TRACES_HEADERS }
      : {}),
  });
  const apiKey = env.OPENAI_API_KEY || undefined;
  const mock = apiKey ? undefined : await startMockOpenAI();
  const sdk = new NodeSDK({ instrumentations: [new OpenAIInstrumentation()] });
  sdk.start();
  // Required after start(): the instrumentation patches the CommonJS module as it loads.
  const { default: OpenAI } = require('openai');
  const client = new OpenAI({ apiKey: apiKey ?? 'mock-key', baseURL: mock?.url, maxRetries: 0 });
  let calls = 0;
  try {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hello over plain OTLP.' }],
    });
    calls++;
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Stream a short answer.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _chunk of stream) {
      // Drain the stream: the span ends with it.
    }
    calls++;
    await client.embeddings.create({ model: 'text-embedding-3-small', input: 'plain OTLP' });
    calls++;
  } finally {
    await sdk.shutdown();
    await mock?.close();
  }
  log(`otlp-exporter: ${calls} OpenAI calls exported to ${env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}`);
  return { calls };
}
