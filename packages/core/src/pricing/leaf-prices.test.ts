import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { costFromLeafPrices, leafPricesOf, tableUsage } from './leaf-prices';
import { findTableMatch } from './price-table';
import type { TokenUsage } from './read-usage';

const round = (amount: number) => Number(amount.toPrecision(12));

/** Deterministic pseudo-random usages, consistent like `readTokenUsage` makes them. */
function usages(count: number): TokenUsage[] {
  let seed = 42;
  const next = (max: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % max;
  };
  return Array.from({ length: count }, () => {
    const inputTotal = next(200_000);
    const cacheRead = next(inputTotal + 1);
    const cacheWrite = next(inputTotal - cacheRead + 1);
    const output = next(20_000);
    return { inputTotal, cacheRead, cacheWrite, output, reasoning: next(output + 1) };
  });
}

describe('leaf prices (the flat-price fast path)', () => {
  it.each([
    ['openai', 'gpt-4o-mini'],
    ['openai', 'gpt-4o'],
    ['openai', 'o4-mini'],
    ['openai', 'text-embedding-3-small'],
    ['anthropic', 'claude-sonnet-4-20250514'],
    ['anthropic', 'claude-3-5-haiku-20241022'],
    ['mistral', 'mistral-large-latest'],
  ])('prices %s %s exactly as calcPrice does', (provider, model) => {
    const match = findTableMatch(provider, model)!;
    const prices = leafPricesOf(match);
    expect(prices).toBeDefined();
    for (const usage of usages(300)) {
      const expected = calcPrice(tableUsage(usage), match.modelName, { provider: match.provider })!;
      const actual = costFromLeafPrices(prices!, usage);
      expect(round(actual.input)).toBe(round(expected.input_price));
      expect(round(actual.output)).toBe(round(expected.output_price));
      expect(round(actual.total)).toBe(round(expected.total_price));
    }
  });

  it('leaves tiered and time-dependent prices to calcPrice', () => {
    for (const [provider, model] of [
      ['google', 'gemini-2.5-pro'],
      ['deepseek', 'deepseek-chat'],
    ] as const) {
      const match = findTableMatch(provider, model)!;
      const entry = match.provider.models[0]!;
      const flat =
        !Array.isArray(entry.prices) &&
        Object.values(entry.prices).every((price) => typeof price !== 'object');
      expect(flat).toBe(false);
      expect(leafPricesOf(match)).toBeUndefined();
    }
  });
});
