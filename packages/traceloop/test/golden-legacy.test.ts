/**
 * Golden tests: OTLP captured from the @traceloop/node-server-sdk 0.16.1 with openai 5
 * against the mock server. See fixtures/legacy-0.16/README.md for how they were made.
 */
import { describe, expect, it } from 'vitest';
import { LEGACY_FLAVOR, scenarioExpectations } from './support/expectations';
import { fixtureScenario } from './support/fixtures';

const expectations = scenarioExpectations(LEGACY_FLAVOR);

describe('golden: @traceloop/node-server-sdk 0.16 (indexed form)', () => {
  it.each(Object.keys(expectations))('%s', (scenario) => {
    expectations[scenario]!(fixtureScenario('legacy-0.16', scenario));
  });

  it('maps every captured span and passes no span through unmapped', () => {
    for (const scenario of Object.keys(expectations)) {
      const { spans, result } = fixtureScenario('legacy-0.16', scenario);
      expect(result.nonAi).toBe(0);
      expect(result.events).toHaveLength(spans.length);
    }
  });
});
