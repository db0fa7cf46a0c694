// Captures golden OTLP fixtures from the current @traceloop/node-server-sdk release with the
// real `openai` client against the mock server of @llm-analytics/testing.
//
//   pnpm --filter @llm-analytics/traceloop capture:fixtures
//
// Writes packages/traceloop/test/fixtures/current/<scenario>.traces.{pb,json}.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startMockOpenAI } from '@llm-analytics/testing';
import OpenAI from 'openai';
import * as traceloop from '@traceloop/node-server-sdk';
import { captureScenarios, packageVersion } from './capture-common.mjs';

const scriptDir = dirname(fileURLToPath(import.meta.url));
const readVersion = (name) => packageVersion(join(scriptDir, '..'), name);
const outputDir = join(scriptDir, '../test/fixtures/current');

const mock = await startMockOpenAI();
const exporter = new InMemorySpanExporter();
traceloop.initialize({
  appName: 'traceloop-fixtures',
  exporter,
  disableBatch: true,
  // No prompt registry: it would call api.traceloop.com.
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
