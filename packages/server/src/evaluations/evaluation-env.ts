/** The evaluation worker's settings from the environment of `serve`. */
import type { EvaluationWorkerOptions } from './evaluation-worker';

/** A variable with a value `serve` cannot use: the message names it. */
export class EvaluationEnvError extends Error {
  override readonly name = 'EvaluationEnvError';
}

function positive(env: NodeJS.ProcessEnv, name: string, integer: boolean): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
    throw new EvaluationEnvError(
      `${name} must be a positive ${integer ? 'whole number' : 'number'}, got "${raw}"`,
    );
  return value;
}

/**
 * `LLM_ANALYTICS_EVALUATIONS=off` turns the worker off; `LLM_ANALYTICS_JUDGE_BASE_URL`,
 * `LLM_ANALYTICS_JUDGE_API_KEY` and `LLM_ANALYTICS_JUDGE_PROVIDER` reach the judge (the key is
 * never stored nor shown); `LLM_ANALYTICS_EVAL_CONCURRENCY`, `LLM_ANALYTICS_EVAL_MAX_CALLS_PER_HOUR`
 * and `LLM_ANALYTICS_EVAL_MAX_COST_PER_HOUR_USD` bound the work per project.
 */
export function evaluationOptionsFromEnv(env: NodeJS.ProcessEnv): EvaluationWorkerOptions | false {
  const switchValue = env['LLM_ANALYTICS_EVALUATIONS']?.trim().toLowerCase();
  if (switchValue === 'off' || switchValue === 'false' || switchValue === '0') return false;
  const baseUrl = env['LLM_ANALYTICS_JUDGE_BASE_URL']?.trim();
  if (baseUrl) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new EvaluationEnvError(`LLM_ANALYTICS_JUDGE_BASE_URL is not a URL: "${baseUrl}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new EvaluationEnvError('LLM_ANALYTICS_JUDGE_BASE_URL must be an http(s) URL');
  }
  const apiKey = env['LLM_ANALYTICS_JUDGE_API_KEY']?.trim();
  const provider = env['LLM_ANALYTICS_JUDGE_PROVIDER']?.trim();
  const concurrency = positive(env, 'LLM_ANALYTICS_EVAL_CONCURRENCY', true);
  const maxCallsPerHour = positive(env, 'LLM_ANALYTICS_EVAL_MAX_CALLS_PER_HOUR', true);
  const maxCostPerHourUsd = positive(env, 'LLM_ANALYTICS_EVAL_MAX_COST_PER_HOUR_USD', false);
  return {
    ...(baseUrl
      ? { judge: { baseUrl, ...(apiKey ? { apiKey } : {}), ...(provider ? { provider } : {}) } }
      : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    budget: {
      ...(maxCallsPerHour !== undefined ? { maxCallsPerHour } : {}),
      ...(maxCostPerHourUsd !== undefined ? { maxCostPerHourUsd } : {}),
    },
  };
}
