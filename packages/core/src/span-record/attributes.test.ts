import { describe, expect, it } from 'vitest';
import type { Attributes } from '../types';
import {
  MAX_ATTRIBUTE_DEPTH,
  MAX_DEPTH_MARKER,
  normalizeNumber,
  setAttribute,
  toAttributeValue,
  toAttributes,
} from './attributes';

describe('setAttribute', () => {
  it('makes __proto__ an own property without changing the prototype', () => {
    const target: Attributes = {};
    setAttribute(target, '__proto__', { polluted: true });
    setAttribute(target, 'constructor', 'c');
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.keys(target)).toEqual(['__proto__', 'constructor']);
    expect((target as Record<string, unknown>)['polluted']).toBeUndefined();
    setAttribute(target, '__proto__', 'replaced');
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')?.value).toBe('replaced');
    expect(JSON.stringify(target)).toBe('{"__proto__":"replaced","constructor":"c"}');
  });
});

describe('normalizeNumber', () => {
  it('keeps safe integers and doubles, spells big integers and non-finite numbers as strings', () => {
    expect(normalizeNumber(42)).toBe(42);
    expect(Object.is(normalizeNumber(-0), 0)).toBe(true);
    expect(normalizeNumber(0.1)).toBe(0.1);
    expect(normalizeNumber(2 ** 60)).toBe('1152921504606846976');
    expect(normalizeNumber(-(2 ** 63))).toBe('-9223372036854775808');
    expect(normalizeNumber(2 ** 63)).toBe(2 ** 63);
    expect(normalizeNumber(Number.NaN)).toBe('NaN');
    expect(normalizeNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('toAttributeValue', () => {
  it('converts SDK values the way the OTLP serializer does', () => {
    expect(
      toAttributes({
        s: 's',
        b: false,
        n: 1.5,
        a: ['x', null, undefined, 2],
        bytes: new Uint8Array([1, 2, 3]),
        map: { nested: { deeper: [true] } },
        missing: undefined,
        big: 12n,
        bigger: 2n ** 64n,
        fn: () => 1,
      }),
    ).toEqual({
      s: 's',
      b: false,
      n: 1.5,
      a: ['x', null, null, 2],
      bytes: 'AQID',
      map: { nested: { deeper: [true] } },
      missing: null,
      big: 12,
      bigger: '18446744073709551616',
      fn: null,
    });
  });

  it('copies arrays and maps instead of sharing them', () => {
    const source = { list: [1, 2], map: { a: 1 } };
    const copy = toAttributes(source);
    expect(copy['list']).not.toBe(source.list);
    expect(copy['map']).not.toBe(source.map);
  });

  it('stops at the depth limit, so cyclic log bodies cannot loop forever', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    let value = toAttributeValue(cyclic);
    let depth = 0;
    while (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      depth++;
      value = value['self']!;
    }
    expect(depth).toBe(MAX_ATTRIBUTE_DEPTH);
    expect(value).toBe(MAX_DEPTH_MARKER);
  });

  it('keeps hostile keys of nested maps as own properties', () => {
    const body = JSON.parse('{"__proto__":{"polluted":true},"x":{"__proto__":1}}') as unknown;
    const converted = toAttributeValue(body) as Record<string, unknown>;
    expect(Object.keys(converted)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
    expect(converted['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(converted['x'], '__proto__')?.value).toBe(1);
  });
});
