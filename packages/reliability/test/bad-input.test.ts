import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../src/scenarios';

describe('bad input (short form)', () => {
  it('survives ~1,000 hostile bodies and ~150 hostile gRPC calls: no crash, no server error, no valid span lost from a partly bad request', async () => {
    const { figures, problems, details } = await SCENARIOS.bad_input('short', () => undefined);
    expect(problems).toEqual([]);
    expect(figures['bad_input.cases']).toBeGreaterThanOrEqual(1000);
    expect(figures['bad_input.grpc_cases']).toBeGreaterThanOrEqual(150);
    expect(details['mixedValidSpans']).toBeGreaterThan(0);
    expect(figures['bad_input.crashes']).toBe(0);
    expect(figures['bad_input.server_errors']).toBe(0);
    expect(figures['bad_input.valid_spans_lost']).toBe(0);
  }, 120_000);
});
