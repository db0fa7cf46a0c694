import { calcPrice, type Usage } from '@pydantic/genai-prices';
import type { TableCost, TableMatch } from './price-table';
import type { TokenUsage } from './read-usage';

/**
 * A fast path for the common case of a model with one flat price list (no tiers, no dated or
 * time-of-day periods). `calcPrice` re-derives its unit graph, validates the price keys and
 * sorts units on every call (about 20 µs, the largest cost of mapping a span); for such a
 * model the cost is linear in the token counts, so the price of a million tokens of each kind
 * is taken from `calcPrice` once per model and reused. Anything else keeps using `calcPrice`.
 */

/** What a million tokens of each kind cost (`fixed`: per-request fees, for zero tokens). */
interface LeafPrices {
  fixed: TableCost;
  fresh: TableCost;
  cacheRead: TableCost;
  cacheWrite: TableCost;
  output: TableCost;
  reasoning: TableCost;
}

const MILLION = 1_000_000;
const leafPricesByMatch = new WeakMap<TableMatch, LeafPrices | null>();

function tableCost(match: TableMatch, usage: Usage): TableCost | undefined {
  const result = calcPrice(usage, match.modelName, { provider: match.provider });
  if (result === null) return undefined;
  return { input: result.input_price, output: result.output_price, total: result.total_price };
}

function minus(a: TableCost, b: TableCost): TableCost {
  return { input: a.input - b.input, output: a.output - b.output, total: a.total - b.total };
}

/** The cost of `usage` from the leaf prices, in the same leaf split genai-prices makes. */
export function costFromLeafPrices(prices: LeafPrices, usage: TokenUsage): TableCost {
  const fresh = usage.inputTotal - usage.cacheRead - usage.cacheWrite;
  const plainOutput = usage.output - usage.reasoning;
  const component = (key: keyof TableCost): number =>
    prices.fixed[key] +
    (prices.fresh[key] * fresh +
      prices.cacheRead[key] * usage.cacheRead +
      prices.cacheWrite[key] * usage.cacheWrite +
      prices.output[key] * plainOutput +
      prices.reasoning[key] * usage.reasoning) /
      MILLION;
  return { input: component('input'), output: component('output'), total: component('total') };
}

/** The usage as genai-prices takes it (what `priceWithTable` passes). */
export function tableUsage(usage: TokenUsage): Usage {
  const table: Usage = { input_tokens: usage.inputTotal, output_tokens: usage.output };
  if (usage.cacheRead > 0) table.cache_read_tokens = usage.cacheRead;
  if (usage.cacheWrite > 0) table.cache_write_tokens = usage.cacheWrite;
  // A part of the output, priced at its own rate only where the table has one.
  if (usage.reasoning > 0) table.output_reasoning_tokens = usage.reasoning;
  return table;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b);

function derive(match: TableMatch): LeafPrices | null {
  const model = match.provider.models[0];
  if (!model || Array.isArray(model.prices)) return null;
  for (const price of Object.values(model.prices)) {
    if (price !== undefined && typeof price !== 'number') return null;
  }
  const fixed = tableCost(match, { input_tokens: 0, output_tokens: 0 });
  const points: Usage[] = [
    { input_tokens: MILLION, output_tokens: 0 },
    { input_tokens: MILLION, cache_read_tokens: MILLION, output_tokens: 0 },
    { input_tokens: MILLION, cache_write_tokens: MILLION, output_tokens: 0 },
    { input_tokens: 0, output_tokens: MILLION },
    { input_tokens: 0, output_tokens: MILLION, output_reasoning_tokens: MILLION },
  ];
  const costs = points.map((point) => tableCost(match, point));
  if (fixed === undefined || costs.some((cost) => cost === undefined)) return null;
  const [fresh, cacheRead, cacheWrite, output, reasoning] = costs.map((cost) =>
    minus(cost!, fixed),
  ) as [TableCost, TableCost, TableCost, TableCost, TableCost];
  const prices = { fixed, fresh, cacheRead, cacheWrite, output, reasoning };
  // Linear by construction for a flat price list; checked at a mixed point all the same.
  const probe: TokenUsage = {
    inputTotal: 123_457,
    cacheRead: 23_456,
    cacheWrite: 3_456,
    output: 45_678,
    reasoning: 5_678,
  };
  const expected = tableCost(match, tableUsage(probe));
  const actual = costFromLeafPrices(prices, probe);
  if (
    expected === undefined ||
    !close(actual.input, expected.input) ||
    !close(actual.output, expected.output) ||
    !close(actual.total, expected.total)
  )
    return null;
  return prices;
}

/** The leaf prices of a matched model, or undefined when it needs the full `calcPrice`. */
export function leafPricesOf(match: TableMatch): LeafPrices | undefined {
  let prices = leafPricesByMatch.get(match);
  if (prices === undefined) {
    try {
      prices = derive(match);
    } catch {
      // Whatever genai-prices rejects here, the full path reports per event.
      prices = null;
    }
    leafPricesByMatch.set(match, prices);
  }
  return prices ?? undefined;
}
