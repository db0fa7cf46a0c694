/**
 * Golden tests: OTLP captured from the current @traceloop/node-server-sdk (0.27) with openai 6
 * against the mock server. See fixtures/current/README.md for how they were made.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_FLAVOR, scenarioExpectations } from './support/expectations';
import { fixtureScenario } from './support/fixtures';

const expectations = scenarioExpectations(CURRENT_FLAVOR);

describe('golden: @traceloop/node-server-sdk 0.27 (gen_ai.* form)', () => {
  it.each(Object.keys(expectations))('%s', (scenario) => {
    expectations[scenario]!(fixtureScenario('current', scenario));
  });

  it('maps every captured span and passes no span through unmapped', () => {
    for (const scenario of Object.keys(expectations)) {
      const { spans, result } = fixtureScenario('current', scenario);
      expect(result.nonAi).toBe(0);
      expect(result.events).toHaveLength(spans.length);
    }
  });
});
