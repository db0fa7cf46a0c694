// Captures golden OTLP fixtures from @traceloop/node-server-sdk 0.16 (the last release line
// with the indexed `gen_ai.prompt.{i}.*` form) with `openai` 5 against the mock server.
//
//   pnpm --filter @llm-analytics/traceloop-legacy-tests capture:fixtures
//
// Writes packages/traceloop/test/fixtures/legacy-0.16/<scenario>.traces.{pb,json}; the
// scenarios and the OTLP serialization are shared with the current release's capture.

// 0.16 sends anonymous usage telemetry to Traceloop's PostHog project unless told not to.
process.env.TRACELOOP_TELEMETRY = 'false';

const { dirname, join } = await import('node:path');
const { fileURLToPath } = await import('node:url');
const { trace } = await import('@opentelemetry/api');
const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
const { startMockOpenAI } = await import('@llm-analytics/testing');
const { default: OpenAI } = await import('openai');
const traceloop = await import('@traceloop/node-server-sdk');
const { captureScenarios, packageVersion } =
  await import('../../../traceloop/scripts/capture-common.mjs');

const scriptDir = dirname(fileURLToPath(import.meta.url));
const readVersion = (name) => packageVersion(join(scriptDir, '..'), name);
const outputDir = join(scriptDir, '../../../traceloop/test/fixtures/legacy-0.16');

const mock = await startMockOpenAI();
const exporter = new InMemorySpanExporter();
traceloop.initialize({
  appName: 'traceloop-legacy-fixtures',
  exporter,
  disableBatch: true,
  traceloopSyncEnabled: false,
  silenceInitializationMessage: true,
  instrumentModules: { openAI: OpenAI },
});
const client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-fixtures', maxRetries: 0 });
const tracer = trace.getTracer('traceloop-fixtures-app', '1.0.0');

await captureScenarios({
  header:
    `@traceloop/node-server-sdk ${readVersion('@traceloop/node-server-sdk')}, ` +
    `openai ${readVersion('openai')}, node ${process.version}`,
  traceloop,
  client,
  mock,
  exporter,
  tracer,
  outputDir,
  only: process.argv.slice(2).length ? process.argv.slice(2) : undefined,
});
await mock.close();
// The failing workflow's span is never ended; nothing else keeps the process alive.
process.exit(0);
