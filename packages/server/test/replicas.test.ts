/**
 * Stateless replicas: servers over one shared store keep no state that matters in the process.
 * chDB is embedded, so the replicas here are two servers in one process over one connection;
 * against a ClickHouse server they would be separate processes with the same SQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapSpans, type AiEvent } from '@llm-analytics/core';
import { P } from '@llm-analytics/core/semconv';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { createPricer } from '@llm-analytics/core/pricing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTEGRATIONS, type RunningServer } from '../src';
import {
  byUuid,
  expectedEvents,
  fixture,
  post,
  postLogs,
  postTraces,
  readEvents,
  TEST_STORE,
  testServer,
  testStoreUrl,
} from './helpers';

const DOUBLE = join(
  import.meta.dirname,
  '..',
  '..',
  'integration-tests',
  'test',
  'fixtures',
  'double-instrumentation',
  'openai-openinference-traceloop-chat.traces.json',
);

interface OtlpJson {
  resourceSpans: Array<{ scopeSpans: unknown[] }>;
}

/**
 * One chat call seen by Traceloop and OpenInference (a real capture), split into one OTLP
 * request per instrumentation: what two exporters' batches can look like.
 */
function doubleInstrumentation() {
  const text = readFileSync(DOUBLE, 'utf8');
  const whole = JSON.parse(text) as OtlpJson;
  const requests = whole.resourceSpans[0]!.scopeSpans.map((scopeSpans) =>
    JSON.stringify({ resourceSpans: [{ ...whole.resourceSpans[0], scopeSpans: [scopeSpans] }] }),
  );
  // What the server makes of the whole request at once.
  const together = mapSpans(decodeTraces(text, 'json').spans, {
    integrations: DEFAULT_INTEGRATIONS,
    price: createPricer(),
  }).events;
  return { requests, together };
}

const generations = (events: readonly AiEvent[]) =>
  events.filter((event) => event.event === '$ai_generation');

/** Two servers over one store with the same project credentials. */
async function twoReplicas(): Promise<[RunningServer, RunningServer]> {
  const storeUrl = testStoreUrl();
  const first = await testServer({ storeUrl });
  const second = await testServer({
    storeUrl,
    projectToken: first.projectToken,
    readKey: first.readKey,
  });
  return [first, second];
}

describe('duplicate model calls in different requests', () => {
  it('two instrumentations of one call, sent apart, still count one generation', async () => {
    const server = await testServer();
    const { requests, together } = doubleInstrumentation();
    for (const body of requests) expect((await postTraces(server, body, 'json')).status).toBe(200);
    const stored = await readEvents(server);
    expect(generations(together)).toHaveLength(1);
    expect(generations(stored)).toHaveLength(1);
    expect(stored.filter((event) => event.properties[P.duplicateOf] !== undefined)).toHaveLength(1);
    expect(byUuid(stored)).toEqual(byUuid(together));
  });
});

describe.runIf(TEST_STORE === 'chdb')('two server replicas over one ClickHouse', () => {
  it('each sees the writes of the other', async () => {
    const [first, second] = await twoReplicas();
    const event = {
      event: '$ai_generation',
      distinct_id: 'replica-user',
      uuid: '60000000-0000-4000-8000-000000000001',
      timestamp: '2025-01-01T00:00:00.000Z',
      properties: { $ai_trace_id: 'replica-trace', $ai_model: 'gpt-4o-mini' },
    };
    const response = await post(
      `${first.url}/batch/`,
      JSON.stringify({ api_key: first.projectToken, batch: [event] }),
      { contentType: 'application/json' },
    );
    expect(response.status).toBe(200);
    expect((await readEvents(second)).map((stored) => stored.uuid)).toEqual([event.uuid]);
  });

  it('a span stored by one replica is joined with content logs sent to the other', async () => {
    const [first, second] = await twoReplicas();
    expect((await postTraces(first, fixture('chat.traces.pb'), 'pb')).status).toBe(200);
    expect((await postLogs(second, fixture('chat.logs.pb'), 'pb')).status).toBe(200);
    expect(await readEvents(first)).toEqual(expectedEvents('chat', 'pb'));
  });

  it('logs waiting on one replica are joined when the span reaches the other', async () => {
    const [first, second] = await twoReplicas();
    expect((await postLogs(first, fixture('tools-two-turns.logs.pb'), 'pb')).status).toBe(200);
    expect((await postTraces(second, fixture('tools-two-turns.traces.pb'), 'pb')).status).toBe(200);
    expect(byUuid(await readEvents(first))).toEqual(
      byUuid(expectedEvents('tools-two-turns', 'pb')),
    );
  });

  it('spans and logs racing to different replicas still meet', async () => {
    const [first, second] = await twoReplicas();
    const scenarios = ['chat', 'tools-two-turns', 'responses-stream'];
    await Promise.all(
      scenarios.flatMap((scenario, index) => {
        const [spansTo, logsTo] = index % 2 ? [first, second] : [second, first];
        return [
          postTraces(spansTo, fixture(`${scenario}.traces.pb`), 'pb'),
          postLogs(logsTo, fixture(`${scenario}.logs.pb`), 'pb'),
        ];
      }),
    );
    const expected = scenarios.flatMap((scenario) => expectedEvents(scenario, 'pb'));
    expect(byUuid(await readEvents(second))).toEqual(byUuid(expected));
  });

  it('two instrumentations of one call, sent to different replicas, count one generation', async () => {
    const [first, second] = await twoReplicas();
    const { requests, together } = doubleInstrumentation();
    expect((await postTraces(first, requests[0]!, 'json')).status).toBe(200);
    expect((await postTraces(second, requests[1]!, 'json')).status).toBe(200);
    const stored = await readEvents(first);
    expect(generations(stored)).toHaveLength(1);
    expect(byUuid(stored)).toEqual(byUuid(together));
  });
});
