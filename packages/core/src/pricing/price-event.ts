import { AI_EMBEDDING, AI_GENERATION, P } from '../semconv/posthog';
import type { AiEvent } from '../types';
import {
  CACHE_READ_TOKEN_PRICE,
  CACHE_WRITE_TOKEN_PRICE,
  COST_MODEL,
  COST_PROVIDER,
  INPUT_TOKEN_PRICE,
  OUTPUT_TOKEN_PRICE,
} from './keys';
import { priceWithTable, TableMatchCache, type TableMatch } from './price-table';
import { toPriceProviderId } from './provider-aliases';
import { readAmount, readTokenUsage, type TokenUsage } from './read-usage';
import type { ModelPriceOverride, PricingOptions } from './types';

type Properties = Record<string, unknown>;

interface Costs {
  input: number;
  output: number;
  total: number;
}

type Outcome = { costs: Costs; match?: TableMatch } | { error: string };

const sharedCache = new TableMatchCache();

/** Rounds to 12 significant digits: drops float noise (`0.00044000000000000007`). */
function roundUsd(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(12));
}

function readOptionalPrice(properties: Properties, key: string): number | undefined {
  const value = properties[key];
  return value === undefined || value === null ? undefined : readAmount(value);
}

/** Input counts fresh, cache-read and cache-write tokens at their own prices; `per` is the price unit. */
function costFromPrices(usage: TokenUsage, prices: ModelPriceOverride, per: number): Costs {
  const fresh = usage.inputTotal - usage.cacheRead - usage.cacheWrite;
  const input =
    (fresh * prices.input +
      usage.cacheRead * (prices.cacheRead ?? prices.input) +
      usage.cacheWrite * (prices.cacheWrite ?? prices.input)) /
    per;
  const output = (usage.output * prices.output) / per;
  return { input, output, total: input + output };
}

function isValidOverride(prices: ModelPriceOverride): boolean {
  return [prices.input, prices.output, prices.cacheRead ?? 0, prices.cacheWrite ?? 0].every(
    (price) => typeof price === 'number' && Number.isFinite(price) && price >= 0,
  );
}

function findModelPrices(
  modelPrices: PricingOptions['modelPrices'],
  model: string | undefined,
): ModelPriceOverride | undefined {
  if (modelPrices === undefined || model === undefined) return undefined;
  if (Object.prototype.hasOwnProperty.call(modelPrices, model)) return modelPrices[model];
  const lower = model.toLowerCase();
  for (const [name, prices] of Object.entries(modelPrices)) {
    if (name.toLowerCase() === lower) return prices;
  }
  return undefined;
}

/** Event per-token prices: used when the event carries an input or output token price. */
function eventTokenPrices(
  properties: Properties,
): ModelPriceOverride | { error: string } | undefined {
  const input = readOptionalPrice(properties, INPUT_TOKEN_PRICE);
  const output = readOptionalPrice(properties, OUTPUT_TOKEN_PRICE);
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = readOptionalPrice(properties, CACHE_READ_TOKEN_PRICE);
  const cacheWrite = readOptionalPrice(properties, CACHE_WRITE_TOKEN_PRICE);
  const named: [string, number | undefined][] = [
    [INPUT_TOKEN_PRICE, input],
    [OUTPUT_TOKEN_PRICE, output],
    [CACHE_READ_TOKEN_PRICE, cacheRead],
    [CACHE_WRITE_TOKEN_PRICE, cacheWrite],
  ];
  for (const [key, value] of named) {
    if (Number.isNaN(value)) return { error: `invalid ${key}` };
  }
  // A missing input or output price means that side is free (e.g. embeddings).
  return { input: input ?? 0, output: output ?? 0, cacheRead, cacheWrite };
}

/**
 * Costs the user or the instrumentation already put on the event: `undefined` when there are
 * none, else the total to fill in (only when missing and both input and output are numbers).
 */
function reportedCosts(properties: Properties): { fillTotal?: number } | undefined {
  const present = (key: string) => properties[key] !== undefined && properties[key] !== null;
  if (![P.inputCostUsd, P.outputCostUsd, P.totalCostUsd].some(present)) return undefined;
  if (present(P.totalCostUsd)) return {};
  const input = readAmount(properties[P.inputCostUsd]);
  const output = readAmount(properties[P.outputCostUsd]);
  return Number.isNaN(input) || Number.isNaN(output) ? {} : { fillTotal: input + output };
}

function computeCosts(
  properties: Properties,
  timestamp: string,
  options: PricingOptions | undefined,
  cache: TableMatchCache,
): Outcome {
  const providerId = toPriceProviderId(properties[P.provider]);
  const usage = readTokenUsage(properties, providerId);
  if ('error' in usage) return usage;

  const tokenPrices = eventTokenPrices(properties);
  if (tokenPrices !== undefined) {
    return 'error' in tokenPrices ? tokenPrices : { costs: costFromPrices(usage, tokenPrices, 1) };
  }

  const rawModel = properties[P.model];
  const model =
    typeof rawModel === 'string' && rawModel.trim() !== '' ? rawModel.trim() : undefined;
  const override = findModelPrices(options?.modelPrices, model);
  if (override !== undefined) {
    if (!isValidOverride(override)) return { error: `invalid modelPrices for "${model}"` };
    return { costs: costFromPrices(usage, override, 1e6) };
  }

  if (model === undefined) return { error: 'no model' };
  const match = cache.resolve(providerId, model);
  const date = new Date(timestamp);
  const cost =
    match && priceWithTable(match, usage, Number.isNaN(date.getTime()) ? undefined : date);
  if (match === undefined || cost === undefined) {
    const provider = properties[P.provider];
    const named =
      typeof provider === 'string' && provider !== '' ? ` (provider "${provider}")` : '';
    return { error: `unknown model "${model}"${named}` };
  }
  return { costs: cost, match };
}

/** `priceEvent` with an explicit table-match cache (shared by `createPricer`). */
export function priceEventWithCache(
  event: AiEvent,
  options: PricingOptions | undefined,
  cache: TableMatchCache,
): AiEvent {
  return priceEventInPlace({ ...event, properties: { ...event.properties } }, options, cache);
}

/**
 * Prices an event the caller owns by writing the cost keys into its property bag: a lookup,
 * not a copy (the mapping pipeline's events are built for it and seen by nobody else yet).
 */
export function priceEventInPlace(
  priced: AiEvent,
  options: PricingOptions | undefined,
  cache: TableMatchCache,
): AiEvent {
  const event = priced;
  const properties: Properties = priced.properties;
  // Spans and traces may sum their children: only leaf model calls are costed.
  if (event.event !== AI_GENERATION && event.event !== AI_EMBEDDING) return priced;

  const reported = reportedCosts(properties);
  if (reported !== undefined) {
    // Costs given by the user or the instrumentation win; only a missing total is filled.
    if (reported.fillTotal !== undefined) properties[P.totalCostUsd] = roundUsd(reported.fillTotal);
    return priced;
  }
  let outcome: Outcome;
  try {
    outcome = computeCosts(properties, event.timestamp, options, cache);
  } catch (error) {
    // Never throw into the pipeline: an unpriceable event still ships, with the reason.
    outcome = {
      error: `pricing failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if ('error' in outcome) {
    properties[P.costError] = outcome.error;
    return priced;
  }
  const input = roundUsd(outcome.costs.input);
  const output = roundUsd(outcome.costs.output);
  properties[P.inputCostUsd] = input;
  properties[P.outputCostUsd] = output;
  properties[P.totalCostUsd] = roundUsd(outcome.costs.total);
  if (outcome.match !== undefined) {
    properties[COST_PROVIDER] = outcome.match.providerId;
    properties[COST_MODEL] = outcome.match.modelId;
  }
  // `delete` turns the object into a slow dictionary: only when there is a stale error.
  if (Object.prototype.hasOwnProperty.call(properties, P.costError)) delete properties[P.costError];
  return priced;
}

/**
 * Adds `$ai_input_cost_usd`, `$ai_output_cost_usd` and `$ai_total_cost_usd` to generation and
 * embedding events (or `$ai_cost_error` with the reason); returns a new event, never mutates.
 */
export function priceEvent(event: AiEvent, options?: PricingOptions): AiEvent {
  return priceEventWithCache(event, options, sharedCache);
}
