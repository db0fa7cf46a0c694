/** Our own `PostHogSpanProcessor` (from core) in both transports, against a running server. */
import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { PostHogSpanProcessor } from '@llm-analytics/core';
import {
  GEN_AI_OPERATION_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_SYSTEM,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  USER_ID,
} from '@llm-analytics/core/semconv';
import { describe, expect, it } from 'vitest';
import { read, readEvents, testServer } from './helpers';

describe('PostHogSpanProcessor against the server', () => {
  for (const transport of ['events', 'otlp'] as const) {
    it(`${transport} transport: the generation is stored and priced`, async () => {
      const server = await testServer();
      const processor = new PostHogSpanProcessor({
        apiKey: server.projectToken,
        host: server.url,
        transport,
        flushIntervalMs: 50,
      });
      const provider = new BasicTracerProvider({ spanProcessors: [processor] });
      const span = provider.getTracer('own-processor-test').startSpan('chat gpt-4o-mini', {
        kind: SpanKind.CLIENT,
        attributes: {
          [GEN_AI_OPERATION_NAME]: 'chat',
          [GEN_AI_SYSTEM]: 'openai',
          [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
          [GEN_AI_USAGE_INPUT_TOKENS]: 1000,
          [GEN_AI_USAGE_OUTPUT_TOKENS]: 100,
          [USER_ID]: `user-${transport}`,
        },
      });
      span.end();
      await provider.forceFlush();
      await provider.shutdown();

      const events = await readEvents(server);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event: '$ai_generation',
        distinct_id: `user-${transport}`,
      });
      expect(events[0]!.properties['$ai_total_cost_usd']).toBeGreaterThan(0);
      const traces = await read<{ results: Array<Record<string, unknown>> }>(server, '/api/traces');
      expect(traces.body.results).toEqual([
        expect.objectContaining({ generation_count: 1, input_tokens: 1000 }),
      ]);
    });
  }
});
