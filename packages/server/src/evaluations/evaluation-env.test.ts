import { describe, expect, it } from 'vitest';
import { evaluationOptionsFromEnv } from './evaluation-env';

describe('evaluation settings from the environment', () => {
  it('reads the judge endpoint and the budget', () => {
    expect(
      evaluationOptionsFromEnv({
        LLM_ANALYTICS_JUDGE_BASE_URL: 'http://127.0.0.1:9/v1',
        LLM_ANALYTICS_JUDGE_API_KEY: 'sk-x',
        LLM_ANALYTICS_EVAL_MAX_CALLS_PER_HOUR: '50',
        LLM_ANALYTICS_EVAL_MAX_COST_PER_HOUR_USD: '0.5',
      }),
    ).toEqual({
      judge: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-x' },
      budget: { maxCallsPerHour: 50, maxCostPerHourUsd: 0.5 },
    });
  });

  it('turns the worker off, and names a bad variable', () => {
    expect(evaluationOptionsFromEnv({ LLM_ANALYTICS_EVALUATIONS: 'off' })).toBe(false);
    expect(() => evaluationOptionsFromEnv({ LLM_ANALYTICS_EVAL_CONCURRENCY: '1.5' })).toThrow(
      'LLM_ANALYTICS_EVAL_CONCURRENCY must be a positive whole number, got "1.5"',
    );
    expect(() => evaluationOptionsFromEnv({ LLM_ANALYTICS_JUDGE_BASE_URL: 'nope' })).toThrow(
      'LLM_ANALYTICS_JUDGE_BASE_URL is not a URL: "nope"',
    );
  });
});
