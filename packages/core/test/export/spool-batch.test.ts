import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/export/config';
import { eventRequests, spanRequests } from '../../src/export/payload';
import { mergeSpooled } from '../../src/export/spool-batch';
import type { AiEvent } from '../../src/types';
import { makeSpan } from '../make-span';

const config = resolveConfig({ apiKey: 'phc_merge', fetch: globalThis.fetch })!;
const event = (n: number) =>
  ({
    event: '$ai_generation',
    distinct_id: 'u',
    uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    properties: { n },
  }) as unknown as AiEvent;
const json = (body: Uint8Array) =>
  JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;

describe('merging spooled requests into full batches', () => {
  it('joins capture batches of one token into one body, oldest first, within maxItems', () => {
    const records = [0, 1, 2].map(
      (n) => eventRequests([event(2 * n), event(2 * n + 1)], config).requests[0]!,
    );
    const { request, count } = mergeSpooled(records, 5, 1_000_000);
    expect(count).toBe(2);
    expect(request.items).toBe(4);
    const body = json(request.body) as {
      api_key: string;
      batch: Array<{ properties: { n: number } }>;
    };
    expect(body.api_key).toBe('phc_merge');
    expect(body.batch.map((e) => e.properties.n)).toEqual([0, 1, 2, 3]);
  });

  it('keeps batches of different tokens apart', () => {
    const other = resolveConfig({ apiKey: 'phc_other', fetch: globalThis.fetch })!;
    const records = [
      eventRequests([event(1)], config).requests[0]!,
      eventRequests([event(2)], other).requests[0]!,
    ];
    expect(mergeSpooled(records, 100, 1_000_000).count).toBe(1);
  });

  it('joins OTLP/JSON bodies by their resourceSpans', () => {
    const otlp = resolveConfig({
      apiKey: 'phc_merge',
      transport: 'otlp',
      fetch: globalThis.fetch,
    })!;
    const records = [1, 2].map(
      (n) =>
        spanRequests(
          [
            makeSpan({
              spanId: `${n}`.padStart(16, '0'),
              attributes: { 'gen_ai.operation.name': 'chat' },
            }),
          ],
          otlp,
          false,
        ).requests[0]!,
    );
    const { request, count } = mergeSpooled(records, 100, 1_000_000);
    expect(count).toBe(2);
    const body = json(request.body) as { resourceSpans: unknown[] };
    expect(body.resourceSpans).toHaveLength(2);
    expect(request.headers.authorization).toBe('Bearer phc_merge');
  });
});
