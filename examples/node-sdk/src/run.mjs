// The example app: PostHog's NodeSDK snippet with @llm-analytics/node-sdk, as an ES module.
// Start the process with `node --import @llm-analytics/node-sdk/register` (`pnpm start` does):
// without OpenTelemetry's ESM loader hook, `import OpenAI from 'openai'` below is never
// patched and no LLM span is recorded (the package then warns once).
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { createPostHogProcessors } from '@llm-analytics/node-sdk';
import { startCaptureServer, startMockOpenAI } from '@llm-analytics/testing';
import OpenAI from 'openai';
import { runScenarios } from './scenarios.mjs';

/**
 * Calls OpenAI (the mock OpenAI server of @llm-analytics/testing unless OPENAI_API_KEY is
 * set) and sends the LLM analytics events to LLM_ANALYTICS_HOST with LLM_ANALYTICS_TOKEN
 * (a local capture server when no host is set). Resolves with what was sent:
 * `{ host, events: { $ai_generation: 4, … }, delivered, failedStatuses }`.
 */
export async function run({ env = process.env, log = console.log } = {}) {
  // Blank counts as unset.
  const openaiApiKey = env.OPENAI_API_KEY || undefined;
  const mock = openaiApiKey ? undefined : await startMockOpenAI();
  const sink = env.LLM_ANALYTICS_HOST ? undefined : await startCaptureServer();
  const host = env.LLM_ANALYTICS_HOST || sink.url;
  const token = env.LLM_ANALYTICS_TOKEN || (sink ? 'phc_example_node_sdk' : undefined);
  if (!token) {
    await mock?.close();
    throw new Error('LLM_ANALYTICS_TOKEN is not set: the project token for LLM_ANALYTICS_HOST');
  }
  log(
    mock
      ? `OpenAI: mock server at ${mock.url} (set OPENAI_API_KEY for the real API)`
      : 'OpenAI: api.openai.com',
  );
  log(
    sink
      ? `LLM analytics: no LLM_ANALYTICS_HOST, a local capture server at ${host}`
      : `LLM analytics: ${host}`,
  );

  const events = {};
  const failedStatuses = [];
  let delivered = 0;
  const posthog = createPostHogProcessors({
    apiKey: token,
    host,
    // Counting only: every event on its way out, and every answer of the host.
    beforeSend(event) {
      events[event.event] = (events[event.event] ?? 0) + 1;
      return event;
    },
    async fetch(input, init) {
      const response = await globalThis.fetch(input, init);
      if (response.ok) delivered++;
      else failedStatuses.push(response.status);
      return response;
    },
  });
  const sdk = new NodeSDK({
    serviceName: 'example-node-sdk',
    ...posthog,
    // No metrics pipeline here (NodeSDK would otherwise export metrics to localhost:4318).
    metricReaders: [],
    instrumentations: [new OpenAIInstrumentation({ captureMessageContent: true })],
  });
  sdk.start();

  try {
    const client = new OpenAI({
      apiKey: openaiApiKey ?? 'sk-mock',
      baseURL: mock?.url,
      maxRetries: mock ? 0 : 2,
    });
    await runScenarios(client, { log });
  } finally {
    // Flushes everything to the host (a long-running app does this on SIGTERM).
    await sdk.shutdown();
    await mock?.close();
    await sink?.close();
  }

  const total = Object.values(events).reduce((sum, count) => sum + count, 0);
  const byType = Object.entries(events)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  log(`Sent ${total} events to ${host}: ${byType || 'none'}`);
  if (failedStatuses.length)
    log(
      `The host refused ${failedStatuses.length} request(s): HTTP ${[...new Set(failedStatuses)].join(', ')}`,
    );
  return { host, events, delivered, failedStatuses };
}
