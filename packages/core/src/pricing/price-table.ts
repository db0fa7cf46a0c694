import { calcPrice, type Provider } from '@pydantic/genai-prices';
import { costFromLeafPrices, leafPricesOf, tableUsage } from './leaf-prices';
import { toPriceProviderId } from './provider-aliases';
import type { TokenUsage } from './read-usage';

/**
 * Lookups against the price table bundled in `@pydantic/genai-prices`. The package works
 * offline: it only fetches when someone calls its `updatePrices`, which we never do.
 */

/** Model creators tried, in order, when neither the provider nor genai-prices' own
 * model-name matching finds the model (e.g. `text-embedding-3-small` with no provider). */
const MODEL_CREATORS = ['openai', 'anthropic', 'google', 'mistral', 'cohere', 'deepseek', 'x-ai'];

/** A resolved price-table entry. */
export interface TableMatch {
  /** genai-prices provider id (`openai`, `azure`, …). */
  providerId: string;
  /** genai-prices model id (`claude-sonnet-4-0` for `claude-sonnet-4-20250514`). */
  modelId: string;
  /** The model name that matched (a `prefix/` may have been removed). */
  modelName: string;
  /** The provider reduced to this one model, so pricing skips the table search. */
  provider: Provider;
}

export interface TableCost {
  input: number;
  output: number;
  /** genai-prices' total: input + output + per-request fees some models charge. */
  total: number;
}

function candidates(providerId: string | undefined, model: string): [string | undefined, string][] {
  const slash = model.indexOf('/');
  const prefix = slash > 0 ? model.slice(0, slash) : undefined;
  const rest = slash > 0 && slash < model.length - 1 ? model.slice(slash + 1) : undefined;
  const list: [string | undefined, string][] = [];
  if (providerId !== undefined) list.push([providerId, model]);
  if (rest !== undefined) {
    // Gateway-style names (`openai/gpt-4o-mini`, `models/gemini-2.5-flash`).
    list.push([toPriceProviderId(prefix), rest]);
    if (providerId !== undefined) list.push([providerId, rest]);
  }
  // Model-only: genai-prices matches model names against each provider's `model_match`.
  list.push([undefined, model]);
  if (rest !== undefined) list.push([undefined, rest]);
  for (const creator of MODEL_CREATORS) {
    list.push([creator, model]);
    if (rest !== undefined) list.push([creator, rest]);
  }
  const seen = new Set<string>();
  return list.filter(([provider, name]) => {
    const key = `${provider ?? ''}\u0000${name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Finds the price-table entry for a model, by provider first, then by model name alone. */
export function findTableMatch(
  providerId: string | undefined,
  model: string,
): TableMatch | undefined {
  for (const [provider, name] of candidates(providerId, model.trim())) {
    const found = calcPrice(
      {},
      name,
      provider === undefined ? undefined : { providerId: provider },
    );
    if (found === null) continue;
    return {
      providerId: found.provider.id,
      modelId: found.model.id,
      modelName: name,
      provider: { ...found.provider, models: [found.model], fallback_model_providers: undefined },
    };
  }
  return undefined;
}

/**
 * Memoizes `findTableMatch` per (provider, model), misses included. A table search costs
 * about 10–20 µs per call and most events repeat a handful of models. Bounded, oldest first
 * out, because model names come from user data.
 */
export class TableMatchCache {
  private readonly entries = new Map<string, TableMatch | null>();

  constructor(private readonly maxEntries = 1000) {}

  resolve(providerId: string | undefined, model: string): TableMatch | undefined {
    const key = `${providerId ?? ''}\u0000${model}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = findTableMatch(providerId, model);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, found ?? null);
    return found;
  }
}

/** Prices the usage with the matched table entry (tiers and dated prices included). */
export function priceWithTable(
  match: TableMatch,
  usage: TokenUsage,
  timestamp: Date | undefined,
): TableCost | undefined {
  const leafPrices = leafPricesOf(match);
  if (leafPrices !== undefined) return costFromLeafPrices(leafPrices, usage);
  const result = calcPrice(tableUsage(usage), match.modelName, {
    provider: match.provider,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  if (result === null) return undefined;
  return { input: result.input_price, output: result.output_price, total: result.total_price };
}
