import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { priceEvent } from './price-event';
import { frozenEvent, usd } from './test-events';

/**
 * Prices from the table bundled in @pydantic/genai-prices 0.1.8, USD per million tokens.
 * The first test pins them, so a data update fails there with a clear diff, not below.
 */
const GPT_4O_MINI = { input_mtok: 0.15, cache_read_mtok: 0.075, output_mtok: 0.6 };
const GPT_4O = { input_mtok: 2.5, cache_read_mtok: 1.25, output_mtok: 10 };
const O4_MINI = { input_mtok: 1.1, cache_read_mtok: 0.275, output_mtok: 4.4 };
const TEXT_EMBEDDING_3_SMALL = { input_mtok: 0.02 };
const CLAUDE_SONNET_4 = {
  input_mtok: 3,
  cache_write_mtok: 3.75,
  cache_read_mtok: 0.3,
  output_mtok: 15,
};

describe('priceEvent with the genai-prices table', () => {
  it('reads the table prices the expectations below are computed from', () => {
    const price = (model: string, providerId: string) =>
      calcPrice({}, model, { providerId })?.model_price;
    expect(price('gpt-4o-mini', 'openai')).toMatchObject(GPT_4O_MINI);
    expect(price('gpt-4o', 'openai')).toMatchObject(GPT_4O);
    expect(price('o4-mini', 'openai')).toMatchObject(O4_MINI);
    expect(price('text-embedding-3-small', 'openai')).toMatchObject(TEXT_EMBEDDING_3_SMALL);
    expect(price('claude-sonnet-4-20250514', 'anthropic')).toMatchObject(CLAUDE_SONNET_4);
    expect(price('claude-3-5-sonnet-20241022', 'anthropic')).toMatchObject(CLAUDE_SONNET_4);
  });

  it('prices a cached OpenAI call whose input count includes the cached tokens', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'gpt-4o-mini',
        $ai_provider: 'openai',
        $ai_input_tokens: 1000,
        $ai_cache_read_input_tokens: 200,
        $ai_output_tokens: 100,
      }),
    );
    // 800 fresh at $0.15/M + 200 cached at $0.075/M; 100 output at $0.6/M.
    const input = (800 * 0.15 + 200 * 0.075) / 1e6;
    const output = (100 * 0.6) / 1e6;
    expect(priced.properties).toMatchObject({
      $ai_input_cost_usd: usd(input),
      $ai_output_cost_usd: usd(output),
      $ai_total_cost_usd: usd(input + output),
      $ai_cost_provider: 'openai',
      $ai_cost_model: 'gpt-4o-mini',
    });
    expect(priced.properties.$ai_input_cost_usd).toBe(0.000135);
  });

  it('prices gpt-4o from the model name alone', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'gpt-4o-2024-08-06',
        $ai_input_tokens: 2000,
        $ai_output_tokens: 500,
      }),
    );
    // 2000 at $2.5/M; 500 at $10/M.
    expect(priced.properties.$ai_input_cost_usd).toBe(usd((2000 * 2.5) / 1e6));
    expect(priced.properties.$ai_output_cost_usd).toBe(usd((500 * 10) / 1e6));
    expect(priced.properties.$ai_total_cost_usd).toBe(0.01);
  });

  it('prices an Anthropic call whose input count excludes cache reads and writes', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'claude-sonnet-4-20250514',
        $ai_provider: 'anthropic',
        $ai_input_tokens: 20,
        $ai_cache_read_input_tokens: 100,
        $ai_cache_creation_input_tokens: 50,
        $ai_output_tokens: 10,
      }),
    );
    // 20 fresh at $3/M + 100 read at $0.3/M + 50 written at $3.75/M; 10 output at $15/M.
    const input = (20 * 3 + 100 * 0.3 + 50 * 3.75) / 1e6;
    const output = (10 * 15) / 1e6;
    expect(priced.properties.$ai_input_cost_usd).toBe(usd(input));
    expect(priced.properties.$ai_input_cost_usd).toBe(0.0002775);
    expect(priced.properties.$ai_output_cost_usd).toBe(usd(output));
    expect(priced.properties.$ai_total_cost_usd).toBe(usd(input + output));
    expect(priced.properties.$ai_cost_model).toBe('claude-sonnet-4-0');
  });

  it('lets $ai_input_tokens_include_cache override the Anthropic default', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'claude-3-5-sonnet-20241022',
        $ai_provider: 'anthropic',
        $ai_input_tokens: 170,
        $ai_cache_read_input_tokens: 100,
        $ai_cache_creation_input_tokens: 50,
        $ai_input_tokens_include_cache: true,
        $ai_output_tokens: 10,
      }),
    );
    // 170 includes the cache: 20 fresh at $3/M + 100 at $0.3/M + 50 at $3.75/M.
    expect(priced.properties.$ai_input_cost_usd).toBe(usd((20 * 3 + 100 * 0.3 + 50 * 3.75) / 1e6));
  });

  it('lets $ai_input_tokens_include_cache: false override the OpenAI default', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'gpt-4o-mini',
        $ai_provider: 'openai',
        $ai_input_tokens: 800,
        $ai_cache_read_input_tokens: 200,
        $ai_input_tokens_include_cache: false,
        $ai_output_tokens: 0,
      }),
    );
    // 800 fresh at $0.15/M + 200 cached at $0.075/M, not 600 fresh.
    expect(priced.properties.$ai_input_cost_usd).toBe(usd((800 * 0.15 + 200 * 0.075) / 1e6));
    expect(priced.properties.$ai_output_cost_usd).toBe(0);
  });

  it('clamps a cache-read count larger than the inclusive input count', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'gpt-4o-mini',
        $ai_provider: 'openai',
        $ai_input_tokens: 100,
        $ai_cache_read_input_tokens: 500,
        $ai_output_tokens: 10,
      }),
    );
    // All 100 input tokens cached at $0.075/M; never a negative fresh count, never a throw.
    expect(priced.properties.$ai_input_cost_usd).toBe(usd((100 * 0.075) / 1e6));
    expect(priced.properties.$ai_cost_error).toBeUndefined();
  });

  it('does not count reasoning tokens on top of the output tokens', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'o4-mini',
        $ai_provider: 'openai.responses',
        $ai_input_tokens: 1000,
        $ai_output_tokens: 500,
        $ai_reasoning_tokens: 400,
      }),
    );
    // 1000 at $1.1/M; 500 output (400 of them reasoning) at $4.4/M, not 900.
    expect(priced.properties.$ai_input_cost_usd).toBe(usd((1000 * 1.1) / 1e6));
    expect(priced.properties.$ai_output_cost_usd).toBe(0.0022);
  });

  it('prices embeddings, with and without a provider', () => {
    for (const provider of ['openai', undefined]) {
      const priced = priceEvent(
        frozenEvent(
          { $ai_model: 'text-embedding-3-small', $ai_provider: provider, $ai_input_tokens: 1000 },
          '$ai_embedding',
        ),
      );
      // 1000 at $0.02/M, no output.
      expect(priced.properties).toMatchObject({
        $ai_input_cost_usd: 0.00002,
        $ai_output_cost_usd: 0,
        $ai_total_cost_usd: 0.00002,
      });
    }
  });

  it.each(['$ai_span', '$ai_trace'] as const)(
    'never prices %s, which may sum its children',
    (name) => {
      const event = frozenEvent(
        {
          $ai_model: 'gpt-4o-mini',
          $ai_provider: 'openai',
          $ai_input_tokens: 1000,
          $ai_output_tokens: 100,
        },
        name,
      );
      const priced = priceEvent(event);
      expect(priced.properties).toEqual(event.properties);
      expect(priced).not.toBe(event);
    },
  );

  it('does not mutate the input event', () => {
    const event = frozenEvent({
      $ai_model: 'gpt-4o-mini',
      $ai_input_tokens: 10,
      $ai_output_tokens: 10,
    });
    const priced = priceEvent(event);
    expect(event.properties.$ai_total_cost_usd).toBeUndefined();
    expect(priced.properties.$ai_total_cost_usd).toBeGreaterThan(0);
    expect(priced.properties).not.toBe(event.properties);
  });

  it('reports an unknown model instead of a zero cost', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'foo',
        $ai_provider: 'bar',
        $ai_input_tokens: 10,
        $ai_output_tokens: 1,
      }),
    );
    expect(priced.properties.$ai_cost_error).toBe('unknown model "foo" (provider "bar")');
    expect(Object.keys(priced.properties).filter((key) => key.includes('cost_usd'))).toEqual([]);
  });

  it('reports missing token counts and a missing model', () => {
    const noTokens = priceEvent(frozenEvent({ $ai_model: 'gpt-4o-mini', $ai_provider: 'openai' }));
    expect(noTokens.properties.$ai_cost_error).toBe('no token counts');
    expect(noTokens.properties.$ai_total_cost_usd).toBeUndefined();
    const noModel = priceEvent(frozenEvent({ $ai_input_tokens: 1, $ai_output_tokens: 1 }));
    expect(noModel.properties.$ai_cost_error).toBe('no model');
  });

  it('reports an unusable token count', () => {
    const priced = priceEvent(
      frozenEvent({ $ai_model: 'gpt-4o-mini', $ai_input_tokens: -5, $ai_output_tokens: 1 }),
    );
    expect(priced.properties.$ai_cost_error).toBe('invalid $ai_input_tokens');
    expect(priced.properties.$ai_input_cost_usd).toBeUndefined();
  });

  it('applies tiered prices above the tier threshold', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'gemini-2.5-pro',
        $ai_provider: 'gcp.vertex_ai',
        $ai_input_tokens: 250_000,
        $ai_output_tokens: 1000,
      }),
    );
    // Table: input $1.25/M, $2.5/M above 200k input tokens; output $10/M, $15/M above 200k.
    expect(priced.properties.$ai_input_cost_usd).toBe(0.625);
    expect(priced.properties.$ai_output_cost_usd).toBe(0.015);
  });

  it('uses the event timestamp for dated prices', () => {
    const event = (timestamp: string) =>
      frozenEvent(
        { $ai_model: 'claude-opus-4-6', $ai_provider: 'anthropic', $ai_input_tokens: 300_000 },
        '$ai_generation',
        timestamp,
      );
    // Table: before 2026-03-13 input is $5/M, $10/M above 200k; from then on a flat $5/M.
    expect(priceEvent(event('2026-01-01T00:00:00Z')).properties.$ai_input_cost_usd).toBe(3);
    expect(priceEvent(event('2026-06-01T00:00:00Z')).properties.$ai_input_cost_usd).toBe(1.5);
  });

  it('includes per-request fees in the total', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_model: 'sonar',
        $ai_provider: 'perplexity',
        $ai_input_tokens: 1000,
        $ai_output_tokens: 100,
      }),
    );
    // Table: $1/M input, $1/M output and $12 per 1000 requests.
    expect(priced.properties).toMatchObject({
      $ai_input_cost_usd: 0.001,
      $ai_output_cost_usd: 0.0001,
      $ai_total_cost_usd: usd(0.001 + 0.0001 + 12 / 1000),
    });
  });
});
