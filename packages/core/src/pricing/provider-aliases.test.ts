import { describe, expect, it } from 'vitest';
import { priceEvent } from './price-event';
import { toPriceProviderId } from './provider-aliases';
import { frozenEvent } from './test-events';

describe('provider aliases', () => {
  it.each([
    ['x_ai', 'x-ai'],
    ['xai', 'x-ai'],
    ['gcp.vertex_ai', 'google'],
    ['vertex_ai', 'google'],
    ['gcp.gemini', 'google'],
    ['google.vertex.chat', 'google'],
    ['aws.bedrock', 'aws'],
    ['azure.ai.openai', 'azure'],
    ['az.ai.openai', 'azure'],
    ['azure.chat', 'azure'],
    ['openai.responses', 'openai'],
    ['OpenAI.Chat', 'openai'],
    ['mistral_ai', 'mistral'],
    ['anthropic', 'anthropic'],
    ['deepseek', 'deepseek'],
    ['groq.chat', 'groq'],
    ['', undefined],
    [undefined, undefined],
  ])('maps %s to %s', (provider, expected) => {
    expect(toPriceProviderId(provider)).toBe(expected);
  });

  it.each([
    ['x_ai', 'grok-3', 'x-ai'],
    ['gcp.vertex_ai', 'gemini-2.5-flash', 'google'],
    ['gcp.gemini', 'gemini-2.5-flash', 'google'],
    ['aws.bedrock', 'anthropic.claude-sonnet-4-20250514-v1:0', 'aws'],
    ['azure.ai.openai', 'gpt-4o-mini', 'azure'],
    ['openai.chat', 'gpt-4o-mini', 'openai'],
    ['mistral_ai', 'mistral-large-latest', 'mistral'],
    ['deepseek', 'deepseek-chat', 'deepseek'],
    ['cohere', 'command-r-plus', 'cohere'],
  ])('prices %s %s from the %s table', (provider, model, tableProvider) => {
    const priced = priceEvent(
      frozenEvent({
        $ai_provider: provider,
        $ai_model: model,
        $ai_input_tokens: 100,
        $ai_output_tokens: 10,
      }),
    );
    expect(priced.properties.$ai_cost_error).toBeUndefined();
    expect(priced.properties.$ai_cost_provider).toBe(tableProvider);
    expect(priced.properties.$ai_total_cost_usd).toBeGreaterThan(0);
  });

  it('falls back to the model name when the provider is unknown or absent', () => {
    for (const provider of ['my-proxy', undefined]) {
      const priced = priceEvent(
        frozenEvent({ $ai_provider: provider, $ai_model: 'gpt-4o-mini', $ai_input_tokens: 1000 }),
      );
      expect(priced.properties.$ai_cost_provider).toBe('openai');
      expect(priced.properties.$ai_input_cost_usd).toBe(0.00015);
    }
  });

  it('reads gateway-style provider/model names', () => {
    const priced = priceEvent(
      frozenEvent({
        $ai_provider: 'gateway',
        $ai_model: 'openai/gpt-4o-mini',
        $ai_input_tokens: 1000,
      }),
    );
    expect(priced.properties.$ai_cost_provider).toBe('openai');
    expect(priced.properties.$ai_input_cost_usd).toBe(0.00015);
    const openRouter = priceEvent(
      frozenEvent({
        $ai_provider: 'openrouter',
        $ai_model: 'openai/gpt-4o-mini',
        $ai_input_tokens: 1,
      }),
    );
    expect(openRouter.properties.$ai_cost_provider).toBe('openrouter');
  });
});
