// The example itself: an application that traces the Vercel AI SDK 6 with OpenTelemetry's
// NodeSDK and sends every LLM call to LLM analytics through `PostHogSpanProcessor`.
import { randomUUID } from 'node:crypto';
import { createOpenAI } from '@ai-sdk/openai';
import { PostHogSpanProcessor, posthogTelemetry } from '@llm-analytics/vercel-ai';
import { context, propagation, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { embed, generateText, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';

const weatherTool = tool({
  description: 'Get the current weather for a city',
  inputSchema: z.object({ city: z.string().describe('City name') }),
  execute: async ({ city }) => ({ city, temperature: 21, unit: 'celsius' }),
});

/**
 * Run the example once: generateText, streamText, a two-step tool loop and embed, traced
 * and sent to `host` with `token`. Resolves with what was sent: events by type, their total cost in USD (priced
 * in-process from the bundled price table), and how many requests the host accepted.
 *
 * @param {{ host: string, token: string, openaiBaseUrl?: string, openaiApiKey?: string,
 *   model?: string, embeddingModel?: string, distinctId?: string, log?: (line: string) => void }} options
 */
export async function run({
  host,
  token,
  openaiBaseUrl,
  openaiApiKey = process.env.OPENAI_API_KEY ?? 'mock-key',
  model = 'gpt-4o-mini',
  embeddingModel = 'text-embedding-3-small',
  distinctId = 'example-user',
  log = () => {},
}) {
  const eventsByType = {};
  let costUsd = 0;
  // HTTP attempts by outcome (the processor retries failed ones).
  const requests = { accepted: 0, failed: 0 };
  const processor = new PostHogSpanProcessor({
    apiKey: token,
    host,
    // Counts what leaves the process; returning the event unchanged sends it as it is.
    beforeSend: (event) => {
      eventsByType[event.event] = (eventsByType[event.event] ?? 0) + 1;
      const cost = event.properties.$ai_total_cost_usd;
      if (typeof cost === 'number') costUsd += cost;
      return event;
    },
    fetch: async (url, init) => {
      try {
        const response = await globalThis.fetch(url, init);
        requests[response.ok ? 'accepted' : 'failed'] += 1;
        return response;
      } catch (error) {
        requests.failed += 1;
        throw error;
      }
    },
  });
  if (!processor.enabled) throw new Error('no project token: set LLM_ANALYTICS_TOKEN');

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': 'vercel-ai-example' }),
    spanProcessors: [processor],
  });
  sdk.start();

  const openai = createOpenAI({
    apiKey: openaiApiKey,
    ...(openaiBaseUrl ? { baseURL: openaiBaseUrl } : {}),
  });
  const sessionId = `example-${randomUUID()}`;
  const telemetry = (functionId) => posthogTelemetry({ functionId, distinctId, sessionId });

  try {
    const answer = await generateText({
      model: openai.chat(model),
      system: 'You are a helpful assistant. Answer in one sentence.',
      prompt: 'What is the capital of France?',
      experimental_telemetry: telemetry('capital-question'),
    });
    log(`generateText  ${answer.text}`);

    const stream = streamText({
      model: openai.chat(model),
      prompt: 'Write a haiku about the sea.',
      experimental_telemetry: telemetry('haiku-stream'),
    });
    let streamed = '';
    for await (const chunk of stream.textStream) streamed += chunk;
    log(`streamText    ${streamed.replace(/\s+/g, ' ')}`);

    const agent = await generateText({
      model: openai.chat(model),
      prompt: 'What is the weather in Paris? Use the tool.',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(2),
      experimental_telemetry: telemetry('weather-agent'),
    });
    log(`tool loop     ${agent.steps.length} steps: ${agent.text}`);

    const { embedding } = await embed({
      model: openai.embedding(embeddingModel),
      value: 'sunny day in Paris',
      experimental_telemetry: telemetry('embed-query'),
    });
    log(`embed         ${embedding.length} dimensions`);
  } finally {
    // Flushes the processor: everything is delivered (or given up) when this resolves.
    await sdk.shutdown();
    // Leave the process as we found it, so another example can register its own SDK.
    trace.disable();
    context.disable();
    propagation.disable();
  }

  const events = Object.values(eventsByType).reduce((sum, count) => sum + count, 0);
  return { host, distinctId, sessionId, events, eventsByType, costUsd, requests };
}
