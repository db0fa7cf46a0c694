/**
 * The spans `@anthropic-ai/sdk` emits itself, from a real capture against the mock Anthropic
 * server (see fixtures/anthropic-sdk/README.md): the SDK counts cached tokens inside
 * `gen_ai.usage.input_tokens`, unlike Anthropic's raw count, and names cache writes its own way.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../golden/load-fixture';
import { priceProperties } from './helpers';

function captured() {
  const { events, failed } = loadScenario('anthropic-sdk', 'messages', 'json');
  expect(failed).toEqual([]);
  expect(events).toHaveLength(4);
  return events;
}

// claude-haiku-4-5, USD per million tokens: input 1, cache read 0.10, cache write 1.25, output 5.
const HAIKU = { input: 1, cacheRead: 0.1, cacheWrite: 1.25, output: 5 };

describe('@anthropic-ai/sdk own spans (real capture)', () => {
  it('records the inclusive input convention and the cache writes under the SDK key', () => {
    const [write] = captured();
    expect(write!.event).toBe('$ai_generation');
    expect(write!.properties).toMatchObject({
      $ai_framework: 'anthropic-sdk',
      $ai_lib: 'com.anthropic.sdk.typescript',
      $ai_lib_version: '0.137.0',
      $ai_provider: 'anthropic',
      $ai_model: 'claude-haiku-4-5-20251001',
      $ai_input_tokens: 1119,
      $ai_cache_creation_input_tokens: 1109,
      $ai_cache_read_input_tokens: 0,
      $ai_input_tokens_include_cache: true,
      $ai_output_tokens: 8,
      $ai_stop_reason: 'end_turn',
    });
    expect(write!.properties).not.toHaveProperty(['gen_ai.usage.cache_write.input_tokens']);
    // 10 fresh + 1,109 written, as the API reported them: priced the same, nothing twice.
    expect(write!.properties.$ai_total_cost_usd).toBeCloseTo(
      (10 * HAIKU.input + 1109 * HAIKU.cacheWrite + 8 * HAIKU.output) / 1e6,
      12,
    );
    expect(write!.properties.$ai_total_cost_usd).toBe(
      priceProperties({
        $ai_provider: 'anthropic',
        $ai_model: 'claude-haiku-4-5-20251001',
        $ai_input_tokens: 10,
        $ai_cache_creation_input_tokens: 1109,
        $ai_output_tokens: 8,
      }).$ai_total_cost_usd,
    );
  });

  it('prices a streamed cache read at the cache-read rate with time to first token', () => {
    const read = captured()[1]!;
    expect(read.properties).toMatchObject({
      $ai_stream: true,
      $ai_input_tokens: 1118,
      $ai_cache_read_input_tokens: 1109,
      $ai_cache_creation_input_tokens: 0,
    });
    expect(read.properties.$ai_time_to_first_token).toBeGreaterThan(0);
    expect(read.properties.$ai_total_cost_usd).toBeCloseTo(
      (9 * HAIKU.input + 1109 * HAIKU.cacheRead + 8 * HAIKU.output) / 1e6,
      12,
    );
  });

  it('maps the tool call stop reason and the 429 error', () => {
    const [, , tool, failed] = captured();
    expect(tool!.properties).toMatchObject({ $ai_stop_reason: 'tool_use', $ai_input_tokens: 35 });
    expect(failed!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_error_type: 'rate_limit_error',
      $ai_http_status: 429,
    });
  });
});
