import { describe, expect, it } from 'vitest';
import { priceEvent } from './price-event';
import { frozenEvent, usd } from './test-events';

const GPT_4O_MINI_CALL = {
  $ai_model: 'gpt-4o-mini',
  $ai_provider: 'openai',
  $ai_input_tokens: 1000,
  $ai_cache_read_input_tokens: 200,
  $ai_output_tokens: 100,
};

describe('priceEvent overrides', () => {
  it('keeps costs the user supplied and fills only the missing total', () => {
    const priced = priceEvent(
      frozenEvent({ ...GPT_4O_MINI_CALL, $ai_input_cost_usd: 0.1, $ai_output_cost_usd: 0.2 }),
    );
    expect(priced.properties).toMatchObject({
      $ai_input_cost_usd: 0.1,
      $ai_output_cost_usd: 0.2,
      $ai_total_cost_usd: 0.3,
    });
    expect(priced.properties.$ai_cost_model).toBeUndefined();
  });

  it('computes nothing when only some supplied costs are present', () => {
    const onlyTotal = priceEvent(frozenEvent({ ...GPT_4O_MINI_CALL, $ai_total_cost_usd: 5 }));
    expect(onlyTotal.properties).toMatchObject({ $ai_total_cost_usd: 5 });
    expect(onlyTotal.properties.$ai_input_cost_usd).toBeUndefined();
    const onlyInput = priceEvent(frozenEvent({ ...GPT_4O_MINI_CALL, $ai_input_cost_usd: 1 }));
    expect(onlyInput.properties.$ai_output_cost_usd).toBeUndefined();
    expect(onlyInput.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('uses per-token prices on the event over the table', () => {
    const priced = priceEvent(
      frozenEvent({
        ...GPT_4O_MINI_CALL,
        $ai_input_token_price: 0.000001,
        $ai_output_token_price: 0.000002,
        $ai_cache_read_token_price: 0.0000005,
      }),
    );
    // 800 fresh at $1e-6 + 200 cached at $5e-7; 100 output at $2e-6.
    expect(priced.properties).toMatchObject({
      $ai_input_cost_usd: usd(800 * 0.000001 + 200 * 0.0000005),
      $ai_output_cost_usd: usd(100 * 0.000002),
      $ai_total_cost_usd: 0.0011,
    });
    expect(priced.properties.$ai_cost_model).toBeUndefined();
  });

  it('charges cached tokens the input price when the event gives no cache price', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'anything',
        $ai_provider: 'anthropic',
        $ai_input_tokens: 20,
        $ai_cache_read_input_tokens: 100,
        $ai_cache_creation_input_tokens: 50,
        $ai_input_token_price: '0.000003',
        $ai_cache_write_token_price: 0.00000375,
      }),
    );
    // Exclusive convention: 20 fresh + 100 read at $3e-6, 50 written at $3.75e-6; no output price.
    expect(priced.properties.$ai_input_cost_usd).toBe(usd(120 * 0.000003 + 50 * 0.00000375));
    expect(priced.properties.$ai_output_cost_usd).toBe(0);
  });

  it('uses modelPrices (USD per million) over the table', () => {
    const priced = priceEvent(frozenEvent(GPT_4O_MINI_CALL), {
      modelPrices: { 'GPT-4o-mini': { input: 1, output: 4, cacheRead: 0.5 } },
    });
    // 800 fresh at $1/M + 200 cached at $0.5/M; 100 output at $4/M.
    expect(priced.properties).toMatchObject({
      $ai_input_cost_usd: usd((800 * 1 + 200 * 0.5) / 1e6),
      $ai_output_cost_usd: usd((100 * 4) / 1e6),
    });
  });

  it('prices a model the table does not know through modelPrices', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'my-finetune',
        $ai_input_tokens: 1_000_000,
        $ai_output_tokens: 500_000,
      }),
      { modelPrices: { 'my-finetune': { input: 2, output: 8 } } },
    );
    expect(priced.properties).toMatchObject({
      $ai_input_cost_usd: 2,
      $ai_output_cost_usd: 4,
      $ai_total_cost_usd: 6,
    });
    expect(priced.properties.$ai_cost_error).toBeUndefined();
  });

  it('prefers event per-token prices over modelPrices', () => {
    const priced = priceEvent(
      frozenEvent({
        ...GPT_4O_MINI_CALL,
        $ai_input_token_price: 0,
        $ai_output_token_price: 0.00001,
      }),
      { modelPrices: { 'gpt-4o-mini': { input: 1, output: 4 } } },
    );
    expect(priced.properties.$ai_input_cost_usd).toBe(0);
    expect(priced.properties.$ai_output_cost_usd).toBe(0.001);
  });

  it('reports unusable custom prices instead of guessing', () => {
    const fromEvent = priceEvent(
      frozenEvent({ ...GPT_4O_MINI_CALL, $ai_input_token_price: 'abc' }),
    );
    expect(fromEvent.properties.$ai_cost_error).toBe('invalid $ai_input_token_price');
    const fromOptions = priceEvent(frozenEvent(GPT_4O_MINI_CALL), {
      modelPrices: { 'gpt-4o-mini': { input: -1, output: 1 } },
    });
    expect(fromOptions.properties.$ai_cost_error).toBe('invalid modelPrices for "gpt-4o-mini"');
    expect(fromOptions.properties.$ai_total_cost_usd).toBeUndefined();
  });

  it('replaces a stale cost error once the event can be priced', () => {
    const priced = priceEvent(frozenEvent({ ...GPT_4O_MINI_CALL, $ai_cost_error: 'no model' }));
    expect(priced.properties.$ai_cost_error).toBeUndefined();
    expect(priced.properties.$ai_total_cost_usd).toBeGreaterThan(0);
  });
});
