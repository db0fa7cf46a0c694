/**
 * The server path: the captured OTLP/JSON requests (test/fixtures, see its README) decoded
 * and mapped as one request each, with every adapter's normalizer, as `llm-analytics serve`
 * does. One generation per model call, tokens and costs by hand calculation.
 */
import { describe, expect, it } from 'vitest';
import { COSTS } from './anthropic/expectations';
import { USAGE as LANGCHAIN } from './langchain/scenarios';
import { loadFixture } from './support/fixtures';
import { eventsOf, generations, named, serverMapper, sumOverGenerations } from './support/map';
import { CLAUDE_HAIKU_4_5 as HAIKU, GPT_4O_MINI as MINI, usd } from './support/prices';

interface Expected {
  /** Generations (model calls) in the request. */
  generations: number;
  /** Spans demoted because another span describes their call. */
  duplicates: number;
  /** Input tokens summed over the generations, cache included. */
  inputTokens: number;
  /** USD summed over the generations. */
  cost: number;
}

const total = (cost: { input: number; output: number }) => cost.input + cost.output;
const mini = (input: number, output: number) => usd(input, MINI.input) + usd(output, MINI.output);

const FIXTURES: Record<string, Expected> = {
  'anthropic-traceloop/cache-write': {
    generations: 1,
    duplicates: 1,
    inputTokens: 1119,
    cost: total(COSTS.cacheWrite),
  },
  'anthropic-traceloop/stream-read': {
    generations: 1,
    duplicates: 1,
    inputTokens: 1114,
    cost: total(COSTS.streamRead),
  },
  'anthropic-traceloop/tool-use': {
    generations: 2,
    duplicates: 2,
    inputTokens: 54 + 70,
    cost: total(COSTS.toolCall) + total(COSTS.toolAnswer),
  },
  'anthropic-openinference/cache-write': {
    generations: 1,
    duplicates: 1,
    inputTokens: 1119,
    cost: total(COSTS.cacheWrite),
  },
  'anthropic-openinference/stream-read': {
    generations: 1,
    duplicates: 1,
    inputTokens: 1114,
    cost: total(COSTS.streamRead),
  },
  'anthropic-openinference/tool-use': {
    generations: 2,
    duplicates: 2,
    inputTokens: 54 + 70,
    cost: total(COSTS.toolCall) + total(COSTS.toolAnswer),
  },
  'anthropic-ai-sdk/generate-cache-write': {
    generations: 1,
    duplicates: 0,
    inputTokens: 1119,
    cost: usd(10, HAIKU.input) + usd(1109, HAIKU.cacheWrite) + usd(8, HAIKU.output),
  },
  'anthropic-ai-sdk/stream-cache-read': {
    generations: 1,
    duplicates: 0,
    inputTokens: 1118,
    cost: usd(9, HAIKU.input) + usd(1109, HAIKU.cacheRead) + usd(8, HAIKU.output),
  },
  'langchain-openinference/chain': {
    generations: 1,
    duplicates: 0,
    inputTokens: LANGCHAIN.chain.input,
    cost: mini(18, 7),
  },
  'langchain-openinference/agent': {
    generations: 2,
    duplicates: 0,
    inputTokens: 83 + 121,
    cost: mini(83 + 121, 7 + 12),
  },
  'langchain-openinference/stream': {
    generations: 1,
    duplicates: 0,
    inputTokens: 10,
    cost: mini(10, 5),
  },
  'langchain-traceloop/chain': {
    generations: 1,
    duplicates: 0,
    inputTokens: 18,
    cost: mini(18, 7),
  },
  'langchain-traceloop/agent': {
    generations: 2,
    duplicates: 0,
    inputTokens: 83 + 121,
    cost: mini(83 + 121, 7 + 12),
  },
  'langchain-traceloop/stream': {
    generations: 1,
    duplicates: 0,
    inputTokens: 10,
    cost: mini(10, 5),
  },
  'double-instrumentation/langchain-openai-openinference-chain': {
    generations: 1,
    duplicates: 1,
    inputTokens: 18,
    cost: mini(18, 7),
  },
  'double-instrumentation/langchain-openai-openinference-agent': {
    generations: 2,
    duplicates: 2,
    inputTokens: 83 + 121,
    cost: mini(83 + 121, 7 + 12),
  },
  'double-instrumentation/langchain-openai-traceloop-chain': {
    generations: 1,
    duplicates: 1,
    inputTokens: 18,
    cost: mini(18, 7),
  },
  'double-instrumentation/openai-openinference-traceloop-chat': {
    generations: 1,
    duplicates: 1,
    inputTokens: 9,
    cost: mini(9, 5),
  },
  'mcp/traceloop-agent-turn': {
    generations: 2,
    duplicates: 0,
    inputTokens: 75 + 113,
    cost: mini(75 + 113, 7 + 12),
  },
};

describe('captured requests, mapped as the server maps one request', () => {
  it.each(Object.entries(FIXTURES))('%s', (name, expected) => {
    const [suite, scenario] = name.split('/') as [string, string];
    const events = eventsOf(loadFixture(suite, scenario));
    expect(generations(events)).toHaveLength(expected.generations);
    const duplicates = events.filter((event) => event.properties.$ai_duplicate_of !== undefined);
    expect(duplicates).toHaveLength(expected.duplicates);
    for (const duplicate of duplicates) {
      expect(duplicate.event).not.toBe('$ai_generation');
      expect(duplicate.properties.$ai_input_tokens).toBeUndefined();
    }
    // Whatever the convention of each generation, the cache is counted once.
    const inclusiveInput = generations(events).reduce((sum, event) => {
      const p = event.properties;
      const input = p.$ai_input_tokens as number;
      if (p.$ai_input_tokens_include_cache !== false) return sum + input;
      return (
        sum +
        input +
        ((p.$ai_cache_read_input_tokens as number) ?? 0) +
        ((p.$ai_cache_creation_input_tokens as number) ?? 0)
      );
    }, 0);
    expect(inclusiveInput).toBe(expected.inputTokens);
    expect(sumOverGenerations(events, '$ai_total_cost_usd')).toBeCloseTo(expected.cost, 12);
  });

  it('MCP: the tool span keeps its arguments and result', () => {
    const tool = named(eventsOf(loadFixture('mcp', 'traceloop-agent-turn')), 'get_weather');
    expect(tool.properties).toMatchObject({
      $ai_span_kind: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'Sunny in Paris',
    });
  });

  it('a limit: the two spans of one call sent in two requests are both kept as generations', () => {
    const spans = loadFixture('anthropic-traceloop', 'cache-write');
    expect(spans).toHaveLength(2);
    const perRequest = spans.flatMap((span) => serverMapper.map([span]).events);
    expect(generations(perRequest)).toHaveLength(2);
  });
});
