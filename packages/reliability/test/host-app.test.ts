import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('host-app safety', () => {
  it('no fault injected into any SDK stage reaches the application', async () => {
    const { figures, details } = await SCENARIOS.host_app('short', () => undefined);
    expect(details['errors']).toEqual([]);
    expect(figures['host_app.exceptions']).toBe(0);
  }, 120_000);
});
