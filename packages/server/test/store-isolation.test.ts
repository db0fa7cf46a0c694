import { describe, expect, it } from 'vitest';
import { post, readEvents, testServer, testStore } from './helpers';

const event = (index: number, properties: Record<string, unknown> = {}) => ({
  event: '$ai_generation' as const,
  distinct_id: 'user',
  uuid: `40000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  timestamp: new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
  properties: { $ai_trace_id: `trace-${index}`, ...properties },
});

describe('one bad request cannot fail the others', () => {
  it('a batch the store cannot write fails alone; batches flushed with it are stored', async () => {
    const store = await testStore({ writeDelayMs: 20 });
    // A BigInt can't become JSON: that batch can never be written.
    const writes = [1, 2, 3].map((index) =>
      store.write({
        insert: [{ project: 'p', event: event(index, index === 2 ? { n: 1n } : {}) }],
      }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.events('p', { limit: 10 })).map((stored) => stored.uuid).sort()).toEqual([
      event(1).uuid,
      event(3).uuid,
    ]);
  });

  it('capture properties nested 100,000 levels deep are stored cut at 64 levels, next to good requests', async () => {
    const server = await testServer({ writeDelayMs: 20 });
    const deep = `{"api_key":${JSON.stringify(server.projectToken)},"batch":[{"event":"$ai_generation","distinct_id":"deep","uuid":"50000000-0000-4000-8000-000000000001","properties":{"deep":${'['.repeat(100_000)}1${']'.repeat(100_000)},"__proto__":{"polluted":true}}}]}`;
    const good = (index: number) =>
      JSON.stringify({ api_key: server.projectToken, batch: [event(index)] });
    const responses = await Promise.all([
      post(`${server.url}/batch/`, good(1), { contentType: 'application/json' }),
      post(`${server.url}/batch/`, deep, { contentType: 'application/json' }),
      post(`${server.url}/batch/`, good(2), { contentType: 'application/json' }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    const stored = await readEvents(server);
    expect(stored).toHaveLength(3);
    const cut = stored.find((stored) => stored.distinct_id === 'deep')!;
    let depth = 0;
    let node: unknown = cut.properties['deep'];
    while (Array.isArray(node)) {
      node = node[0];
      depth++;
    }
    expect(depth).toBe(63);
    expect(node).toBe('[max depth]');
    expect(Object.prototype.hasOwnProperty.call(cut.properties, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
