import { describe, expect, it } from 'vitest';
import type { Attributes } from '@llm-analytics/core';
import { normalizeOpenInference } from '../src';
import { makeSpan, propertiesOf } from './make-span';

const LLM = { 'openinference.span.kind': 'LLM' };

describe('sparse and hostile indexes', () => {
  it('visits only present indexes, in order, without sizing anything by the largest index', () => {
    const started = performance.now();
    const p = propertiesOf({
      ...LLM,
      'llm.input_messages.99999.message.content': 'last',
      'llm.input_messages.0.message.content': 'first',
      'llm.input_messages.7.message.role': 'assistant',
      'llm.input_messages.7.message.content': 'middle',
    });
    expect(p.$ai_input).toEqual([
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'middle' },
      { role: 'user', content: 'last' },
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('ignores indexes beyond the budget, and consumes them so they do not travel either', () => {
    const p = propertiesOf({
      ...LLM,
      'llm.input_messages.0.message.content': 'kept',
      'llm.input_messages.999999999.message.content': 'too far',
      'llm.input_messages.1e9.message.content': 'not an index',
      'llm.input_messages.__proto__.message.content': 'hostile',
      'llm.input_messages.0.message.contents.999999999.message_content.text': 'too far',
      'llm.output_messages.0.message.tool_calls.999999999.tool_call.id': 'too far',
    });
    expect(p.$ai_input).toEqual([{ role: 'user', content: 'kept' }]);
    expect(JSON.stringify(p)).not.toMatch(/too far|not an index|hostile/);
    expect(Object.keys(p).filter((key) => key.startsWith('llm.'))).toEqual([]);
    expect(({} as Record<string, unknown>).message).toBeUndefined();
  });

  it('caps the number of messages, parts and tool calls', () => {
    const attributes: Attributes = { ...LLM };
    for (let i = 0; i < 5000; i++) attributes[`llm.input_messages.${i}.message.content`] = `m${i}`;
    for (let j = 0; j < 3000; j++) {
      attributes[`llm.output_messages.0.message.tool_calls.${j}.tool_call.function.name`] = `f${j}`;
    }
    const call = normalizeOpenInference(makeSpan(attributes));
    expect(call!.input).toHaveLength(1000);
    expect(call!.input![999]).toEqual({ role: 'user', content: 'm999' });
    expect(call!.output![0]!.tool_calls).toHaveLength(1000);
    // Every key was consumed, kept or not.
    expect([...call!.consumedKeys!].length).toBe(Object.keys(attributes).length);
  });

  it('never copies embedding vectors, however many there are', () => {
    const attributes: Attributes = {
      'openinference.span.kind': 'EMBEDDING',
      'embedding.model_name': 'text-embedding-3-small',
    };
    for (let i = 0; i < 50; i++) {
      attributes[`embedding.embeddings.${i}.embedding.text`] = `text ${i}`;
      attributes[`embedding.embeddings.${i}.embedding.vector`] = Array.from(
        { length: 64 },
        () => 0.125,
      );
    }
    const p = propertiesOf(attributes);
    expect(p.$ai_input).toHaveLength(50);
    expect(JSON.stringify(p)).not.toContain('0.125');
  });

  it('keeps a __proto__ metadata key as an own property, never touching a prototype', () => {
    const p = propertiesOf({
      ...LLM,
      metadata: '{"__proto__":{"polluted":true},"tenant":"acme"}',
    });
    expect(p.tenant).toBe('acme');
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Core's one policy for hostile keys: kept, as own properties.
    expect(Object.prototype.hasOwnProperty.call(p, '__proto__')).toBe(true);
    expect(p['__proto__']).toEqual({ polluted: true });
  });
});
