import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('durable (short form)', () => {
  it('with spoolDir an outage beyond the queue bound and a SIGKILL lose nothing; damaged records are skipped and reported; an unwritable dir degrades to memory', async () => {
    const { figures, problems } = await SCENARIOS.durable('short', () => undefined);
    expect(problems).toEqual([]);
    expect(figures['durable.sent']).toBeGreaterThan(300);
    expect(figures['durable.delivered']).toBe(figures['durable.sent']);
    expect(figures['durable.duplicates']).toBe(0);
    expect(figures['durable.corrupt_skipped']).toBeGreaterThan(0);
    expect(figures['durable.unwritable_delivered']).toBe(20);
    expect(figures['durable.max_event_loop_block_ms']).toBeLessThanOrEqual(50);
  }, 180_000);
});
