/**
 * The ClickHouse store answers every read query exactly as the DuckDB store does: one set of
 * events goes into both, and each view, with each of its filters, must come back equal.
 */
import { join } from 'node:path';
import type { AiEvent, AiEventName } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { openStore, type EventStore } from '../src';
import { TEST_STORE, tempDir, testStore } from './helpers';

type Properties = Record<string, unknown>;

const START = Date.parse('2026-03-02T10:00:00.000Z');
let counter = 0;

/** An event `offsetMs` after START with a deterministic uuid. */
function event(
  name: string,
  offsetMs: number,
  properties: Properties,
  distinctId = 'ada',
): AiEvent {
  counter += 1;
  return {
    // Scores (`$ai_feedback`, …) arrive through capture under their own names: the store takes any.
    event: name as AiEventName,
    distinct_id: distinctId,
    uuid: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    timestamp: new Date(START + offsetMs).toISOString(),
    properties,
  };
}

/** Traces with every kind of number the views define: cache, cost, errors, scores, anonymity. */
function parityEvents(): AiEvent[] {
  const support = { $ai_trace_id: 'trace-support', $ai_session_id: 's1', 'service.name': 'bot' };
  const failing = { $ai_trace_id: 'trace-failing', $ai_session_id: 's1', 'service.name': 'bot' };
  const anonymous = {
    $ai_trace_id: 'trace-anon',
    'service.name': 'batch',
    $process_person_profile: false,
  };
  return [
    event('$ai_trace', 0, { ...support, $ai_span_name: 'support-chat', $ai_latency: 3 }),
    event('$ai_span', 100, {
      ...support,
      $ai_span_id: 'retrieve',
      $ai_parent_id: 'trace-support',
      $ai_span_name: 'retrieve',
      $ai_latency: 0.2,
    }),
    event('$ai_embedding', 150, {
      ...support,
      $ai_span_id: 'embed',
      $ai_parent_id: 'retrieve',
      $ai_model: 'text-embedding-3-small',
      $ai_provider: 'openai',
      $ai_input_tokens: 8,
      $ai_latency: 0.05,
    }),
    event('$ai_generation', 400, {
      ...support,
      $ai_span_id: 'answer',
      $ai_parent_id: 'trace-support',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input_tokens: 100,
      $ai_output_tokens: 20,
      $ai_cache_read_input_tokens: 30,
      $ai_total_cost_usd: 0.01,
      $ai_latency: 1.2,
      $ai_time_to_first_token: 0.3,
      $ai_input: [{ role: 'user', content: 'Where is my Parcel?' }],
    }),
    event('$ai_generation', 900, {
      ...support,
      $ai_span_id: 'cached',
      $ai_parent_id: 'trace-support',
      $ai_model: 'claude-3-5-sonnet-20241022',
      $ai_provider: 'anthropic',
      $ai_input_tokens: 20,
      $ai_cache_read_input_tokens: 50,
      $ai_cache_creation_input_tokens: 100,
      $ai_output_tokens: 5,
      $ai_usage_estimated: true,
      $ai_latency: 2.5,
    }),
    event('$ai_feedback', 60_000, { ...support, $ai_feedback_text: 'great' }),
    event('$ai_metric', 61_000, {
      ...support,
      $ai_metric_name: 'quality',
      $ai_metric_value: '0.8',
    }),
    event('$ai_metric', 62_000, { ...support, $ai_metric_name: 'tone', $ai_metric_value: 'warm' }),
    event('$ai_evaluation', 63_000, {
      ...support,
      $ai_span_id: 'answer',
      $ai_evaluation_name: 'grounded',
      $ai_evaluation_result: true,
      $ai_evaluation_reasoning: 'cites the order',
    }),
    event('$ai_evaluation', 64_000, {
      ...support,
      $ai_evaluation_name: 'grounded',
      $ai_evaluation_applicable: false,
    }),
    // A failed call fails its wrapper (one error), plus a demoted duplicate (no error).
    event('$ai_span', 120_000, {
      ...failing,
      $ai_span_id: 'wrapper',
      $ai_span_name: 'generateText',
      $ai_is_error: true,
      $ai_error: 'rate limited',
      $ai_latency: 1,
    }),
    event('$ai_generation', 120_100, {
      ...failing,
      $ai_span_id: 'call',
      $ai_parent_id: 'wrapper',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_is_error: true,
      $ai_error: { name: 'RateLimitError', message: 'Rate limit reached for gpt-4o-mini' },
      $ai_latency: 0.4,
    }),
    event('$ai_generation', 120_200, {
      ...failing,
      $ai_span_id: 'call-copy',
      $ai_parent_id: 'wrapper',
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_is_error: true,
      $ai_error: 'Rate limit reached for gpt-4o-mini',
      $ai_duplicate_of: 'call',
    }),
    // Unpriced: a model without a price, with the pricer's reason.
    event('$ai_generation', 121_000, {
      ...failing,
      $ai_span_id: 'unpriced',
      $ai_model: 'in-house-llm',
      $ai_provider: 'custom',
      $ai_input_tokens: 10,
      $ai_output_tokens: 4,
      $ai_cost_error: 'no price for in-house-llm',
      $ai_latency: 0.8,
    }),
    event(
      '$ai_generation',
      3_600_000,
      {
        ...anonymous,
        $ai_span_id: 'anon-call',
        $ai_model: 'gpt-4o-mini',
        $ai_provider: 'openai',
        $ai_input_tokens: 7,
        $ai_output_tokens: 3,
        $ai_total_cost_usd: 0.002,
        $ai_latency: 0.6,
      },
      'trace-anon',
    ),
  ];
}

const FROM = new Date(START - 60_000);
const TO = new Date(START + 86_400_000);

/** Every view, with each of its filters. */
async function readEverything(store: EventStore) {
  const project = 'default';
  const range = { from: FROM, to: TO };
  const traceQueries = [
    { limit: 50 },
    { limit: 1 },
    { ...range, limit: 50, serviceName: 'bot' },
    { ...range, limit: 50, scoreName: 'grounded' },
    { ...range, limit: 50, hasError: true },
    { ...range, limit: 50, hasError: false },
    { ...range, limit: 50, search: 'parcel' },
    { ...range, limit: 50, distinctId: 'trace-anon' },
    { ...range, limit: 50, sessionId: 's1' },
  ];
  const generationQueries = [
    { ...range, sort: 'timestamp', order: 'desc', limit: 50, offset: 0 },
    { ...range, sort: 'tokens', order: 'desc', limit: 50, offset: 0 },
    { ...range, sort: 'cost', order: 'asc', limit: 50, offset: 0 },
    { ...range, sort: 'latency', order: 'desc', limit: 2, offset: 1, serviceName: 'bot' },
    { ...range, sort: 'ttft', order: 'desc', limit: 50, offset: 0, isError: true },
  ] as const;
  const dashboards = [
    { ...range, bucket: 'hour' },
    { ...range, bucket: 'minute', serviceName: 'bot' },
    { ...range, bucket: 'day', model: 'gpt-4o-mini' },
    { bucket: 'hour' },
    { from: new Date(0), to: new Date(1000), bucket: 'hour' },
  ] as const;
  return {
    traces: await Promise.all(traceQueries.map((query) => store.traces(project, query))),
    traceSummary: await store.traces(project, { traceId: 'trace-support', limit: 1 }),
    trace: [
      await store.trace(project, 'trace-support'),
      await store.trace(project, 'no-such-trace'),
    ],
    generations: await Promise.all(
      generationQueries.map((query) => store.generations(project, query)),
    ),
    sessions: await store.sessions(project, { ...range, limit: 50, offset: 0 }),
    users: await Promise.all(
      [undefined, true, false].map((anonymous) =>
        store.users(project, {
          ...range,
          limit: 50,
          offset: 0,
          ...(anonymous === undefined ? {} : { anonymous }),
        }),
      ),
    ),
    dashboards: await Promise.all(dashboards.map((query) => store.dashboard(project, query))),
    errors: [
      await store.errors(project, { ...range, limit: 50 }),
      await store.errors(project, { ...range, limit: 50, model: 'gpt-4o-mini' }),
    ],
    extent: [await store.extent(project), await store.extent('no-such-project')],
    events: await store.events(project, { ...range, limit: 100 }),
  };
}

describe.runIf(TEST_STORE === 'chdb')('ClickHouse and DuckDB stores', () => {
  it('answer every read query with the same results', async () => {
    const events = parityEvents().map((item) => ({ project: 'default', event: item }));
    const clickhouse = await testStore();
    const duckdb = await openStore(`duckdb:${join(tempDir(), 'parity.duckdb')}`);
    try {
      // Written twice: a re-sent event replaces itself and is never read twice.
      for (const store of [clickhouse, duckdb]) {
        await store.write({ insert: events });
        await store.write({ insert: events.slice(0, 5) });
      }
      const expected = await readEverything(duckdb);
      // The fixture exercises what it claims to (else equal answers prove little).
      expect(expected.traces[0]!.results).toHaveLength(3);
      expect(expected.trace[0]!.scores).toHaveLength(5);
      expect(expected.trace[0]!.events.length).toBeGreaterThan(1);
      // The trace detail's summary is the trace's row of `traces`.
      expect(expected.trace[0]!.summary).toEqual(expected.traceSummary.results[0]);
      expect(expected.trace[0]!.summary!.scores.length).toBeGreaterThan(0);
      expect(expected.trace[1]).toBeUndefined();
      expect(expected.errors[0]!.map((group) => group.count)).toEqual([1]);
      expect(expected.users[1]!.map((user) => user.distinct_id)).toEqual(['trace-anon']);
      expect(expected.dashboards[0]!.totals.total_cost_usd).toBeNull();
      expect(expected.dashboards[3]!.by_model.length).toBeGreaterThan(1);
      expect(expected.dashboards[4]!.totals).toMatchObject({ requests: 0, traces: 0, users: 0 });
      expect(expected.dashboards[4]!.by_time).toEqual([]);
      expect(await readEverything(clickhouse)).toEqual(expected);
    } finally {
      await duckdb.close();
    }
  });
});
