import { describe, expect, it } from 'vitest';
import type { TraceNode } from '../src/api/types';
import { layoutTrace } from '../src/lib/trace-layout';

function node(id: string, startMs: number, latency: number, children: TraceNode[] = []): TraceNode {
  return {
    event: children.length ? '$ai_trace' : '$ai_generation',
    distinct_id: 'u',
    uuid: `uuid-${id}`,
    timestamp: new Date(Date.UTC(2025, 0, 1) + startMs).toISOString(),
    properties: { $ai_span_id: id, $ai_latency: latency },
    children,
  };
}

describe('trace layout', () => {
  it('orders spans depth-first by start time and places bars on the trace timeline', () => {
    const layout = layoutTrace([
      node('root', 0, 4, [node('late', 2000, 1), node('early', 500, 1)]),
    ]);
    expect(layout.durationMs).toBe(4000);
    expect(layout.rows.map((row) => [row.id, row.depth, row.offset, row.width])).toEqual([
      ['root', 0, 0, 1],
      ['early', 1, 0.125, 0.25],
      ['late', 1, 0.5, 0.25],
    ]);
  });

  it('survives an empty trace and spans without latency', () => {
    expect(layoutTrace([]).rows).toEqual([]);
    const layout = layoutTrace([node('lone', 0, 0)]);
    expect(layout.rows[0]!.width).toBe(0);
    expect(layout.durationMs).toBe(1);
  });
});
