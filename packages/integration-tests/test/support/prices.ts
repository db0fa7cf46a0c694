import { calcPrice } from '@pydantic/genai-prices';
import { expect } from 'vitest';

/**
 * Prices from the table bundled in `@pydantic/genai-prices` (0.1.8), USD per million tokens.
 * Stated here so the hand calculations in the tests read plainly, and checked against the
 * package data so a table update that changes them fails here first.
 */
export const CLAUDE_HAIKU_4_5 = { input: 1, cacheWrite: 1.25, cacheRead: 0.1, output: 5 };
export const GPT_4O_MINI = { input: 0.15, cacheRead: 0.075, output: 0.6 };

/** The package's own prices for a model, in the shape above. */
export function tablePrices(provider: string, model: string): Record<string, unknown> {
  const found = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, { providerId: provider });
  expect(found, `${provider}/${model} in the price table`).not.toBeNull();
  const prices = found!.model.prices as Record<string, unknown>;
  return {
    input: prices.input_mtok,
    cacheWrite: prices.cache_write_mtok,
    cacheRead: prices.cache_read_mtok,
    output: prices.output_mtok,
  };
}

/** USD for `tokens` at `pricePerMillion`. */
export const usd = (tokens: number, pricePerMillion: number) => (tokens * pricePerMillion) / 1e6;

/** Input, output and total cost of an event, to twelve decimal places. */
export function expectCost(
  properties: Record<string, unknown>,
  expected: { input: number; output: number },
): void {
  expect(properties.$ai_input_cost_usd).toBeCloseTo(expected.input, 12);
  expect(properties.$ai_output_cost_usd).toBeCloseTo(expected.output, 12);
  expect(properties.$ai_total_cost_usd).toBeCloseTo(expected.input + expected.output, 12);
}
