import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('outage (short form)', () => {
  it('delivers everything after the server returns, reports every drop, never blocks the app', async () => {
    const { figures, problems } = await SCENARIOS.outage('short', () => undefined);
    expect(problems).toEqual([]);
    expect(figures['outage.sent']).toBeGreaterThan(0);
    expect(figures['outage.delivered']! + figures['outage.dropped_reported']!).toBe(
      figures['outage.sent'],
    );
    // The small-queue app must have dropped (and reported) some: the outage outlasts its queue.
    expect(figures['outage.dropped_reported']).toBeGreaterThan(0);
    expect(figures['outage.max_event_loop_block_ms']).toBeLessThanOrEqual(50);
  }, 120_000);
});
