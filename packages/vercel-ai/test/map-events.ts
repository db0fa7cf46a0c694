// No vitest import here: the AI SDK 7 suite (its own vitest copy, Node 22) uses this too.
import { mapSpans, type MapResult, type SpanRecord } from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { vercelAiIntegration } from '../src';

const price = createPricer();

/** Map spans the way the adapter will: the Vercel normalizer first, priced. */
export function mapWithVercel(spans: readonly SpanRecord[]): MapResult {
  return mapSpans(spans, { integrations: [vercelAiIntegration], price });
}

/** USD per million tokens, from @pydantic/genai-prices (the core's pricing tests pin them). */
export const PRICES = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'text-embedding-3-small': { input: 0.02 },
} as const;

/** Cost of tokens at a price per million, rounded like the pricer (12 significant digits). */
export function cost(tokens: number, perMillion: number): number {
  const usd = (tokens * perMillion) / 1e6;
  return usd === 0 ? 0 : Number(usd.toPrecision(12));
}

/** The cost properties the pricer adds to a priced gpt-4o-mini generation. */
export function gpt4oMiniCost(input: number, output: number): Record<string, unknown> {
  const inputUsd = cost(input, PRICES['gpt-4o-mini'].input);
  const outputUsd = cost(output, PRICES['gpt-4o-mini'].output);
  return {
    $ai_input_cost_usd: inputUsd,
    $ai_output_cost_usd: outputUsd,
    $ai_total_cost_usd: Number((inputUsd + outputUsd).toPrecision(12)),
    $ai_cost_provider: 'openai',
    $ai_cost_model: 'gpt-4o-mini',
  };
}
