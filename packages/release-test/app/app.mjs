// The app the release test installs from the local registry into a fresh folder, outside the
// workspace: PostHog's NodeSDK snippet with @llm-analytics/node-sdk, OpenAI through
// @opentelemetry/instrumentation-openai, against the mock OpenAI server of
// @llm-analytics/testing. Run it with `node --import @llm-analytics/node-sdk/register app.mjs`
// (an ES-module app needs the register hook for `openai` to be instrumented).
// Sends its events to LLM_ANALYTICS_HOST with LLM_ANALYTICS_TOKEN and prints, as one JSON
// line, what OpenAI answered, for the test to find in the events.
import { createPostHogProcessors } from '@llm-analytics/node-sdk';
import { startMockOpenAI } from '@llm-analytics/testing';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { NodeSDK } from '@opentelemetry/sdk-node';
import OpenAI from 'openai';

const host = process.env.LLM_ANALYTICS_HOST;
const token = process.env.LLM_ANALYTICS_TOKEN;
if (!host || !token) throw new Error('set LLM_ANALYTICS_HOST and LLM_ANALYTICS_TOKEN');

const refused = [];
const sdk = new NodeSDK({
  serviceName: 'release-test-app',
  ...createPostHogProcessors({
    apiKey: token,
    host,
    async fetch(input, init) {
      const response = await globalThis.fetch(input, init);
      if (!response.ok) refused.push(response.status);
      return response;
    },
  }),
  metricReaders: [],
  instrumentations: [new OpenAIInstrumentation({ captureMessageContent: true })],
});
sdk.start();

const mock = await startMockOpenAI();
try {
  const client = new OpenAI({ apiKey: 'sk-mock', baseURL: mock.url, maxRetries: 0 });
  const prompt = 'Name one colour of the rainbow.';
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
  });
  const embedding = await client.embeddings.create({
    model: 'text-embedding-3-small',
    input: 'rainbow',
  });
  // Flushes every event to the host before the process ends.
  await sdk.shutdown();
  console.log(
    JSON.stringify({
      prompt,
      answer: completion.choices[0]?.message.content,
      embeddingDimensions: embedding.data[0]?.embedding.length,
      refused,
    }),
  );
} finally {
  await mock.close();
}
