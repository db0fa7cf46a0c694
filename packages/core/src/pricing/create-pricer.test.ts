import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { inPlaceVariant } from '../pipeline/in-place-stage';
import { createPricer } from './create-pricer';
import { priceEvent } from './price-event';
import { frozenEvent, usd } from './test-events';

const CALLS: [provider: string, model: string][] = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'o4-mini'],
  ['anthropic', 'claude-sonnet-4-5'],
  ['google', 'gemini-2.5-pro'],
  ['aws', 'anthropic.claude-sonnet-4-20250514-v1:0'],
  ['groq', 'llama-3.3-70b-versatile'],
  ['perplexity', 'sonar'],
];

describe('createPricer', () => {
  it('gives the same costs as calling genai-prices directly', () => {
    const price = createPricer();
    for (const [provider, model] of CALLS) {
      const usage = { input_tokens: 250_000, cache_read_tokens: 1000, output_tokens: 2000 };
      const direct = calcPrice(usage, model, { providerId: provider });
      expect(direct, `${provider} ${model}`).not.toBeNull();
      const event = frozenEvent({
        $ai_provider: provider,
        $ai_model: model,
        $ai_input_tokens: 250_000,
        $ai_cache_read_input_tokens: 1000,
        $ai_input_tokens_include_cache: true,
        $ai_output_tokens: 2000,
      });
      // Twice: the second call goes through the memoized table match.
      for (const priced of [price(event), price(event)]) {
        expect(priced.properties).toMatchObject({
          $ai_input_cost_usd: usd(direct!.input_price),
          $ai_output_cost_usd: usd(direct!.output_price),
          $ai_total_cost_usd: usd(direct!.total_price),
        });
      }
    }
  });

  it('applies its options and agrees with priceEvent', () => {
    const options = { modelPrices: { 'my-model': { input: 1, output: 2 } } };
    const price = createPricer(options);
    const event = frozenEvent({
      $ai_model: 'my-model',
      $ai_input_tokens: 10,
      $ai_output_tokens: 5,
    });
    expect(price(event)).toEqual(priceEvent(event, options));
    expect(price(event).properties.$ai_total_cost_usd).toBe(usd((10 * 1 + 5 * 2) / 1e6));
  });

  it('remembers unknown models too', () => {
    const price = createPricer();
    const event = frozenEvent({ $ai_model: 'nope-1', $ai_input_tokens: 1, $ai_output_tokens: 1 });
    expect(price(event).properties.$ai_cost_error).toBe('unknown model "nope-1"');
    expect(price(event).properties.$ai_cost_error).toBe('unknown model "nope-1"');
  });

  it('never edits the event it is given, while its in-place variant prices the same costs', () => {
    const price = createPricer();
    const properties = {
      $ai_provider: 'openai',
      $ai_model: 'gpt-4o-mini',
      $ai_input_tokens: 1000,
      $ai_output_tokens: 200,
    };
    // Frozen: a write into the caller's event would throw here.
    const copied = price(frozenEvent(properties));
    const own = { ...frozenEvent(properties), properties: { ...properties } };
    const inPlace = inPlaceVariant(price)(own);
    expect(inPlace).toBe(own);
    expect(inPlace.properties).toEqual(copied.properties);
    expect(copied.properties.$ai_total_cost_usd).toBeGreaterThan(0);
  });
});
