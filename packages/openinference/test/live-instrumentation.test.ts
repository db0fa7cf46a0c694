/**
 * Integration: the real `@arizeai/openinference-instrumentation-openai` and
 * `@arizeai/openinference-core` helpers run every capture scenario against the mock OpenAI
 * server; the SDK spans are converted with `spanRecordFromReadableSpan` and mapped. The
 * events must match the ones the committed OTLP fixtures give (ids and timings aside), so the
 * fixtures stay faithful to what the library emits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mapSpans,
  spanRecordFromReadableSpan,
  type AiEvent,
  type ReadableSpanLike,
} from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { openInferenceIntegration } from '../src';
import { createClient, createHarness, SCENARIOS } from '../scripts/openai-scenarios.mjs';
import { scenarioEvents } from './load-fixture';

const VOLATILE = ['$ai_trace_id', '$ai_span_id', '$ai_parent_id', '$ai_latency'];
const price = createPricer();

/** Events without what changes from run to run, in a stable order. */
function comparable(events: AiEvent[]) {
  return events
    .map((event) => {
      const properties = { ...event.properties };
      for (const key of VOLATILE) delete properties[key];
      const anonymous = properties.$process_person_profile === false;
      return {
        event: event.event,
        distinct_id: anonymous ? 'anonymous' : event.distinct_id,
        properties,
      };
    })
    .sort((a, b) =>
      `${a.properties.$ai_span_name}${JSON.stringify(a.properties.$ai_input)}`.localeCompare(
        `${b.properties.$ai_span_name}${JSON.stringify(b.properties.$ai_input)}`,
      ),
    );
}

describe('live: the OpenInference OpenAI instrumentation against the mock server', () => {
  let harness: ReturnType<typeof createHarness>;
  let mock: MockOpenAIServer;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    harness = createHarness();
    mock = await startMockOpenAI();
    client = createClient(mock);
  });
  afterAll(async () => {
    await mock.close();
    await harness.shutdown();
  });

  // In capture order: the mock numbers its ids per server, so the ids match the fixtures.
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: ${scenario.description}`, async () => {
      harness.reset();
      await scenario.run(client, mock);
      const spans = await harness.waitForSpans(scenario.spans);
      expect(spans).toHaveLength(scenario.spans);
      const records = spans.map((span) => spanRecordFromReadableSpan(span as ReadableSpanLike));
      const result = mapSpans(records, { integrations: [openInferenceIntegration], price });
      expect(result.failed).toEqual([]);
      expect(result.nonAi).toBe(0);
      if (scenario.spans === 0) {
        expect(result.events).toEqual([]);
      } else {
        expect(comparable(result.events)).toEqual(comparable(scenarioEvents(scenario.name)));
      }
    });
  }

  it('a failed call: the LLM span is started and never ended, so nothing is exported', async () => {
    harness.reset();
    mock.inject({ status: 429, path: '/chat/completions' });
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hello?' }],
      }),
    ).rejects.toMatchObject({ status: 429 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await harness.provider.forceFlush();
    expect(harness.lifecycle()).toEqual({ started: ['OpenAI Chat Completions'], ended: [] });
    expect(harness.exporter.getFinishedSpans()).toEqual([]);
  });
});
