import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('memory (short form)', () => {
  it('a burst of AI spans with 10 KB messages against a slow server stays within the queue bound', async () => {
    const { figures, problems, details } = await SCENARIOS.memory('short', () => undefined);
    expect(problems).toEqual([]);
    expect(figures['memory.peak_heap_growth_mb']).toBeLessThanOrEqual(
      details['allowanceMb'] as number,
    );
    // The surplus is dropped and reported, not held.
    expect(details['reportedDropped']).toBeGreaterThan(0);
  }, 120_000);
});
