import type { AiEvent, SpanRecord } from '@llm-analytics/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBStore } from './duckdb-store';

const event = (uuid: string, traceId = 'trace-1'): AiEvent => ({
  event: '$ai_generation',
  distinct_id: 'user-1',
  uuid,
  timestamp: '2026-01-01T00:00:00.000Z',
  properties: { $ai_trace_id: traceId, $ai_span_id: uuid, $ai_model: 'gpt-4o' },
});

const span = (spanId: string, name: string): SpanRecord =>
  ({
    traceId: 'trace-1',
    spanId,
    name,
    kind: 0,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
    status: { code: 0 },
    attributes: {},
    resource: {},
    events: [],
    logs: [],
  }) as unknown as SpanRecord;

let store: DuckDBStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('DuckDB write path', () => {
  it('a batch re-sending stored events and spans is stored: duplicates are skipped, the rest written', async () => {
    store = await DuckDBStore.open(':memory:');
    await store.write({
      insert: [{ project: 'p', event: event('a') }],
      recentSpans: [{ project: 'p', span: span('s1', 'first'), receivedAt: Date.now() }],
    });
    await store.write({
      insert: [
        { project: 'p', event: { ...event('a'), distinct_id: 'changed' } },
        { project: 'p', event: event('b') },
      ],
      recentSpans: [
        { project: 'p', span: span('s1', 'changed'), receivedAt: Date.now() },
        { project: 'p', span: span('s2', 'second'), receivedAt: Date.now() },
      ],
    });
    const stored = await store.events('p', { limit: 10 });
    expect(stored.map((item) => [item.uuid, item.distinct_id]).sort()).toEqual([
      ['a', 'user-1'],
      ['b', 'user-1'],
    ]);
    const kept = await store.recentSpans('p', ['trace-1']);
    expect(kept.map((item) => [item.span.spanId, item.span.name]).sort()).toEqual([
      ['s1', 'first'],
      ['s2', 'second'],
    ]);
  });

  it('batches written while others commit land in order: a replacement after its insert wins', async () => {
    store = await DuckDBStore.open(':memory:', { writeDelayMs: 0 });
    const writes = [];
    for (let index = 0; index < 20; index++)
      writes.push(store.write({ insert: [{ project: 'p', event: event(`e${index}`) }] }));
    writes.push(
      store.write({
        replace: [{ project: 'p', event: { ...event('e3'), distinct_id: 'replaced' } }],
      }),
    );
    await Promise.all(writes);
    const stored = await store.events('p', { limit: 100 });
    expect(stored).toHaveLength(20);
    expect(stored.find((item) => item.uuid === 'e3')?.distinct_id).toBe('replaced');
  });
});
