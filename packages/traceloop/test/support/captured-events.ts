import { expect } from 'vitest';
import type { AiEvent } from '@llm-analytics/core';
import type { CaptureServer } from '@llm-analytics/testing';

/** The project token the integration tests send with. */
export const TOKEN = 'phc_traceloop_test';

/**
 * Reads the PostHog capture batches (`POST /batch/`, `{api_key, batch}`) a capture server
 * received, each request once: `take()` returns the events that arrived since the last call.
 */
export class CapturedEvents {
  private seen = 0;

  constructor(
    private readonly sink: CaptureServer,
    private readonly token = TOKEN,
  ) {}

  take(): AiEvent[] {
    const events: AiEvent[] = [];
    for (const request of this.sink.requests.slice(this.seen)) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/batch/');
      const body = request.json as { api_key: unknown; batch: unknown };
      expect(Object.keys(body).sort()).toEqual(['api_key', 'batch']);
      expect(body.api_key).toBe(this.token);
      expect(Array.isArray(body.batch)).toBe(true);
      for (const event of body.batch as AiEvent[]) {
        expect(Object.keys(event).sort()).toEqual([
          'distinct_id',
          'event',
          'properties',
          'timestamp',
          'uuid',
        ]);
        events.push(event);
      }
    }
    this.seen = this.sink.requests.length;
    return events;
  }
}

/** Event counts by event name, e.g. `{ $ai_generation: 2, $ai_trace: 1 }`. */
export function countByEvent(events: readonly AiEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { event } of events) counts[event] = (counts[event] ?? 0) + 1;
  return counts;
}
