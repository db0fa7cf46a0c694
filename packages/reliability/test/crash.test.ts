import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('crash durability (short form)', () => {
  it('every acknowledged event survives SIGKILLs of the server, stored once', async () => {
    const { figures, problems } = await SCENARIOS.crash('short', () => undefined);
    expect(problems).toEqual([]);
    expect(figures['crash.acknowledged']).toBeGreaterThan(0);
    expect(figures['crash.stored']).toBeGreaterThanOrEqual(figures['crash.acknowledged']!);
    expect(figures['crash.lost']).toBe(0);
    expect(figures['crash.duplicates']).toBe(0);
  }, 120_000);
});
