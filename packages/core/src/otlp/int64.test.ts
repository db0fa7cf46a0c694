import Long from 'long';
import { describe, expect, it } from 'vitest';
import { int64ToAttributeValue, parseJsonInt64, parseJsonUint64, uint64ToDecimal } from './int64';

describe('64-bit integers', () => {
  it('decodes fixed64 times from long.js Longs, plain {low, high} objects and numbers', () => {
    const nanos = '1700000000123456789';
    expect(uint64ToDecimal(Long.fromString(nanos, true))).toBe(nanos);
    const { low, high } = Long.fromString(nanos, true);
    expect(uint64ToDecimal({ low, high, unsigned: true })).toBe(nanos);
    expect(uint64ToDecimal(Long.fromString('18446744073709551615', true))).toBe(
      '18446744073709551615',
    );
    expect(uint64ToDecimal({ low: -1, high: 0 })).toBe('4294967295');
    expect(uint64ToDecimal(12)).toBe('12');
    expect(uint64ToDecimal(null)).toBe('0');
  });

  it('decodes int64 attributes to numbers when safe, exact strings otherwise', () => {
    expect(int64ToAttributeValue(Long.fromNumber(-1))).toBe(-1);
    expect(int64ToAttributeValue(Long.fromNumber(2 ** 31))).toBe(2 ** 31);
    expect(int64ToAttributeValue(Long.fromString('-9007199254740991'))).toBe(-9007199254740991);
    expect(int64ToAttributeValue(Long.fromString('-9007199254740993'))).toBe('-9007199254740993');
    expect(int64ToAttributeValue(Long.fromString('18446744073709551615', true))).toBe(
      '18446744073709551615',
    );
    expect(int64ToAttributeValue(2 ** 60)).toBe('1152921504606846976');
  });

  it('parses OTLP/JSON 64-bit integers', () => {
    expect(parseJsonUint64('0001')).toBe('1');
    expect(parseJsonUint64('18446744073709551616')).toBeUndefined();
    expect(parseJsonUint64(2 ** 60)).toBe('1152921504606846976');
    expect(parseJsonUint64('1e9')).toBeUndefined();
    expect(parseJsonInt64('-0')).toBe(0);
    expect(parseJsonInt64('9223372036854775808')).toBeUndefined();
    expect(parseJsonInt64(' 1')).toBeUndefined();
  });
});
