import { describe, expect, it } from 'vitest';
import { startServer } from '../src';
import { post, readEvents, testStore, testStoreUrl } from './helpers';

const event = (index: number) => ({
  event: '$ai_generation',
  distinct_id: `user-${index % 7}`,
  uuid: `30000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  timestamp: new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
  properties: {
    $ai_trace_id: `trace-${index % 50}`,
    $ai_model: 'gpt-4o-mini',
    $ai_input_tokens: index,
  },
});

describe('durability', () => {
  it('a restart keeps every acknowledged event, from many concurrent requests', async () => {
    const storeUrl = testStoreUrl();
    const first = await startServer({ port: 0, storeUrl });
    const requests = Array.from({ length: 40 }, (_, request) =>
      post(
        `${first.url}/batch/`,
        JSON.stringify({
          api_key: first.projectToken,
          batch: Array.from({ length: 25 }, (_, offset) => event(request * 25 + offset)),
        }),
        { contentType: 'application/json' },
      ),
    );
    const responses = await Promise.all(requests);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    await first.close();

    const second = await startServer({
      port: 0,
      storeUrl,
      projectToken: first.projectToken,
      readKey: first.readKey,
    });
    try {
      const events = await readEvents(second, 'limit=1000');
      expect(events).toHaveLength(1000);
      expect(new Set(events.map((stored) => stored.uuid)).size).toBe(1000);
    } finally {
      await second.close();
    }
  });

  it('the same uuid from concurrent requests is stored once and no request fails', async () => {
    const server = await startServer({ port: 0, storeUrl: testStoreUrl() });
    try {
      const body = JSON.stringify({ api_key: server.projectToken, batch: [event(1), event(2)] });
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          post(`${server.url}/batch/`, body, { contentType: 'application/json' }),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      expect((await readEvents(server)).map((stored) => stored.uuid).sort()).toEqual([
        event(1).uuid,
        event(2).uuid,
      ]);
    } finally {
      await server.close();
    }
  });

  it('a failed flush rolls back entirely and is retried cleanly', async () => {
    const store = await testStore();
    const good = { project: 'p', event: { ...event(1), event: '$ai_generation' as const } };
    // A row that can't be written (a BigInt can't become JSON) fails the whole flush mid-way.
    const bad = {
      project: 'p',
      event: { ...event(2), event: '$ai_generation' as const, properties: { n: 1n } },
    };
    await expect(store.write({ insert: [good, bad] })).rejects.toThrow();
    expect(await store.events('p', { limit: 10 })).toEqual([]);
    await store.write({ insert: [good] });
    expect((await store.events('p', { limit: 10 })).map((stored) => stored.uuid)).toEqual([
      good.event.uuid,
    ]);
  });
});
