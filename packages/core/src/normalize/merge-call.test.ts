import { describe, expect, it } from 'vitest';
import type { NormalizedCall } from '../types';
import { mergePartialCall } from './merge-call';

const emptyCall = () =>
  ({ kind: undefined, consumedKeys: new Set<string>() }) as unknown as NormalizedCall;

describe('mergePartialCall', () => {
  it("keeps core's cache and reasoning counts next to a framework's partial usage", () => {
    const call = emptyCall();
    mergePartialCall(call, { kind: 'generation', usage: { estimated: true, inputTokens: 10 } });
    mergePartialCall(call, {
      usage: { inputTokens: 12, outputTokens: 5, cacheReadTokens: 4, reasoningTokens: 2 },
    });
    expect(call.usage).toEqual({
      estimated: true,
      inputTokens: 10,
      outputTokens: 5,
      cacheReadTokens: 4,
      reasoningTokens: 2,
    });
  });

  it('merges parameters key by key, the earlier normalizer winning', () => {
    const call = emptyCall();
    mergePartialCall(call, { parameters: { temperature: 0.2 } });
    mergePartialCall(call, { parameters: { temperature: 1, max_tokens: 100 } });
    expect(call.parameters).toEqual({ temperature: 0.2, max_tokens: 100 });
  });

  it('does not mutate the objects a normalizer returned', () => {
    const call = emptyCall();
    const first = { inputTokens: 1 };
    mergePartialCall(call, { usage: first });
    mergePartialCall(call, { usage: { outputTokens: 2 } });
    expect(first).toEqual({ inputTokens: 1 });
  });

  it('keeps a hostile key as an own property, never on the prototype', () => {
    const call = emptyCall();
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    mergePartialCall(call, { properties: hostile });
    expect(Object.prototype.hasOwnProperty.call(call.properties, '__proto__')).toBe(true);
    expect((call.properties as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('reports whether the partial decided the kind, and only the first time', () => {
    const call = emptyCall();
    expect(mergePartialCall(call, { usage: { inputTokens: 1 } })).toBe(false);
    expect(mergePartialCall(call, { kind: 'tool' })).toBe(true);
    expect(mergePartialCall(call, { kind: 'generation' })).toBe(false);
    expect(call.kind).toBe('tool');
  });

  it('adds up consumed keys', () => {
    const call = emptyCall();
    mergePartialCall(call, { consumedKeys: ['a'] });
    mergePartialCall(call, { consumedKeys: new Set(['b']) });
    expect([...call.consumedKeys]).toEqual(['a', 'b']);
  });
});
