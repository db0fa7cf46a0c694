import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('security (short form)', () => {
  it('no credential, project or origin mix-up lets anyone through; slow clients are cut off', async () => {
    const { figures, details } = await SCENARIOS.security('short', () => undefined);
    expect(details['breaches']).toEqual([]);
    expect(figures['security.cases']).toBeGreaterThan(150);
    expect(figures['security.breaches']).toBe(0);
  }, 120_000);
});
