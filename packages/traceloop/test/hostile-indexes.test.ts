/**
 * Attribute maps come from the network: indexes may be sparse, huge or not numbers at all, and
 * keys may be `__proto__`. Reads are bounded and never touch a prototype.
 */
import { describe, expect, it } from 'vitest';
import type { AiEvent } from '@llm-analytics/core';
import { mapTraceloopSpans } from './support/fixtures';
import { attributesOf, makeSpan } from './support/make-span';

const LEGACY_CHAT: Array<[string, string | number]> = [
  ['gen_ai.system', 'OpenAI'],
  ['llm.request.type', 'chat'],
  ['gen_ai.request.model', 'gpt-4o-mini'],
  ['gen_ai.usage.prompt_tokens', 10],
  ['gen_ai.usage.completion_tokens', 2],
  ['llm.usage.total_tokens', 12],
];

function mapOne(entries: Array<[string, string | number]>): AiEvent {
  const { events, failed } = mapTraceloopSpans([makeSpan(attributesOf(entries))]);
  expect(failed).toEqual([]);
  expect(events).toHaveLength(1);
  return events[0]!;
}

function expectNoRawIndexedKeys(event: AiEvent): void {
  for (const key of Object.keys(event.properties)) {
    expect(key).not.toMatch(/^(gen_ai\.|llm\.)/);
  }
}

describe('hostile indexes in the indexed form', () => {
  it('ignores llm.request.functions.99999999.name and keeps the real tool', () => {
    const event = mapOne([
      ...LEGACY_CHAT,
      ['llm.request.functions.99999999.name', 'far_away'],
      ['llm.request.functions.0.name', 'get_weather'],
      ['llm.request.functions.0.arguments', '{"type":"object"}'],
    ]);
    expect(event.properties.$ai_tools).toEqual([
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
    ]);
    // Consumed although ignored: it does not travel as a property either.
    expectNoRawIndexedKeys(event);
  });

  it('reads sparse indexes in order without allocating the gaps', () => {
    const event = mapOne([
      ...LEGACY_CHAT,
      ['gen_ai.prompt.90000.role', 'user'],
      ['gen_ai.prompt.90000.content', 'last'],
      ['gen_ai.prompt.7.role', 'system'],
      ['gen_ai.prompt.7.content', 'first'],
    ]);
    expect(event.properties.$ai_input).toEqual([
      { role: 'system', content: 'first' },
      { role: 'user', content: 'last' },
    ]);
  });

  it('bounds 10k function indexes and 10k prompt indexes, quickly', () => {
    const entries: Array<[string, string | number]> = [...LEGACY_CHAT];
    for (let i = 0; i < 10_000; i++) {
      entries.push([`llm.request.functions.${i}.name`, `tool_${i}`]);
      entries.push([`gen_ai.prompt.${i}.content`, `message ${i}`]);
    }
    const started = performance.now();
    const event = mapOne(entries);
    const elapsed = performance.now() - started;
    const tools = event.properties.$ai_tools as unknown[];
    const input = event.properties.$ai_input as unknown[];
    expect(tools).toHaveLength(1_000);
    expect(input).toHaveLength(1_000);
    expect(tools[0]).toEqual({ type: 'function', function: { name: 'tool_0' } });
    expect(elapsed).toBeLessThan(2_000);
    expectNoRawIndexedKeys(event);
  });

  it('ignores indexes that are not plain decimal numbers', () => {
    const event = mapOne([
      ...LEGACY_CHAT,
      ['llm.request.functions.-1.name', 'negative'],
      ['llm.request.functions.1e3.name', 'exponent'],
      ['llm.request.functions.abc.name', 'letters'],
      ['llm.request.functions.1234567890123.name', 'too many digits'],
      ['llm.request.functions..name', 'empty'],
    ]);
    expect(event.properties.$ai_tools).toBeUndefined();
    expectNoRawIndexedKeys(event);
  });

  it('never writes through __proto__ keys', () => {
    const event = mapOne([
      ...LEGACY_CHAT,
      ['llm.request.functions.__proto__.name', 'polluted'],
      ['llm.request.functions.0.__proto__', 'polluted'],
      ['llm.request.functions.0.name', 'safe_tool'],
      ['gen_ai.prompt.__proto__.role', 'polluted'],
      ['gen_ai.prompt.0.__proto__', 'polluted'],
      ['gen_ai.prompt.0.content', 'hello'],
      ['gen_ai.completion.0.tool_calls.__proto__.name', 'polluted'],
      ['gen_ai.completion.0.content', 'hi'],
      ['traceloop.association.properties.__proto__', 'polluted'],
      ['traceloop.association.properties.constructor', 'polluted'],
      ['traceloop.association.properties.tenant', 'acme'],
    ]);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(event.properties)).toBe(Object.prototype);
    // Core's one policy for hostile keys: association properties keep them as own properties.
    expect(Object.prototype.hasOwnProperty.call(event.properties, '__proto__')).toBe(true);
    expect(event.properties['__proto__']).toBe('polluted');
    expect(Object.prototype.hasOwnProperty.call(event.properties, 'constructor')).toBe(true);
    expect(event.properties.tenant).toBe('acme');
    expect(event.properties.$ai_tools).toEqual([
      { type: 'function', function: { name: 'safe_tool' } },
    ]);
    expect(event.properties.$ai_input).toEqual([{ role: 'user', content: 'hello' }]);
    expect(event.properties.$ai_output_choices).toEqual([{ role: 'assistant', content: 'hi' }]);
  });

  it('keeps at most 128 association properties per span', () => {
    const entries: Array<[string, string | number]> = [...LEGACY_CHAT];
    for (let i = 0; i < 500; i++) entries.push([`traceloop.association.properties.k${i}`, i]);
    const event = mapOne(entries);
    const kept = Object.keys(event.properties).filter((key) => /^k\d+$/.test(key));
    expect(kept).toHaveLength(128);
    for (const key of Object.keys(event.properties)) {
      expect(key).not.toMatch(/^traceloop\.association/);
    }
  });
});
