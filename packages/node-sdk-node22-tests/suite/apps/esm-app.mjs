// PostHog's Node snippet as an ES-module app, with this package in place of @posthog/ai/otel.
// Static imports, as apps write them: `openai` is loaded before sdk.start() runs, so only
// OpenTelemetry's ESM loader hook (`node --import @llm-analytics/node-sdk/register`) lets the
// instrumentation patch it. FULL_SETUP=1 uses createPostHogProcessors() and message content.
// The Node 22 suite keeps a copy next to its own node_modules (ES modules resolve from their file).
import { NodeSDK } from '@opentelemetry/sdk-node';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { createPostHogProcessors, PostHogSpanProcessor } from '@llm-analytics/node-sdk';
import OpenAI from 'openai';

const options = { apiKey: process.env.TOKEN, host: process.env.LLM_ANALYTICS_HOST };
const full = process.env.FULL_SETUP === '1';
const sdk = new NodeSDK({
  serviceName: 'node-sdk-esm-app',
  ...(full
    ? createPostHogProcessors(options)
    : { spanProcessors: [new PostHogSpanProcessor(options)] }),
  instrumentations: [new OpenAIInstrumentation({ captureMessageContent: full })],
});
sdk.start();

const client = new OpenAI({ baseURL: process.env.MOCK_URL, apiKey: 'sk-esm', maxRetries: 0 });
await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
});
await sdk.shutdown();
