import { DuckDBInstance } from '@duckdb/node-api';
import type { AiEvent } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { DuckDBStore } from '../duckdb-store';
import { CREATE_TABLES } from '../schema';
import { TRACE_ROWS, withTraceRows } from './trace-rows';

const generation = (uuid: string, traceId: string, seconds: number): AiEvent => ({
  event: '$ai_generation',
  distinct_id: 'user-1',
  uuid,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString(),
  properties: { $ai_trace_id: traceId, $ai_span_id: uuid, $ai_latency: 1 },
});

describe('trace point read', () => {
  it('reads a trace by the trace-id index, not a scan of the table', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const statement of CREATE_TABLES) await connection.run(statement);
    await connection.run(`INSERT INTO events (project, uuid, event, timestamp, distinct_id, trace_id,
        is_error, properties, received_at)
      SELECT 'p', 'u-' || i, '$ai_generation', now(), 'user', 't-' || (i // 4), false, '{}', now()
      FROM range(20000) r(i)`);
    const plan = await connection.runAndReadAll(
      `EXPLAIN ANALYZE ${withTraceRows("'t-1'")}SELECT uuid FROM ${TRACE_ROWS} WHERE project = 'p'`,
    );
    expect(
      plan
        .getRows()
        .map((row) => String(row[1]))
        .join('\n'),
    ).toMatch(/Index Scan/);
    connection.closeSync();
    instance.closeSync();
  });

  it('a trace id shared by two projects returns the asking project rows only', async () => {
    const store = await DuckDBStore.open(':memory:');
    try {
      await store.write({
        insert: [
          { project: 'a', event: generation('a1', 't-1', 1) },
          { project: 'a', event: generation('a2', 't-1', 2) },
          { project: 'b', event: generation('b1', 't-1', 3) },
          { project: 'a', event: generation('a3', 't-2', 4) },
        ],
      });
      const trace = await store.trace('a', 't-1');
      expect(trace?.events.map((event) => event.uuid)).toEqual(['a1', 'a2']);
      expect([trace?.summary?.trace_id, trace?.summary?.span_count]).toEqual(['t-1', 2]);
      const summary = await store.traces('a', { traceId: 't-1', limit: 1 });
      expect(summary.results.map((row) => [row.trace_id, row.span_count])).toEqual([['t-1', 2]]);
      // Project b has no trace t-2 (project a has).
      expect(await store.trace('b', 't-2')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
