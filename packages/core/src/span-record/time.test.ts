import { describe, expect, it } from 'vitest';
import { compareNanos, hrTimeToNanos } from './time';

describe('hrTimeToNanos', () => {
  it('is exact where floating point would round', () => {
    expect(hrTimeToNanos([1_700_000_000, 123_456_789])).toBe('1700000000123456789');
    expect(hrTimeToNanos([1_700_000_000, 5])).toBe('1700000000000000005');
    expect(hrTimeToNanos([0, 0])).toBe('0');
    expect(hrTimeToNanos([0, 42])).toBe('42');
    expect(hrTimeToNanos([18_446_744_073, 709_551_615])).toBe('18446744073709551615');
    expect(hrTimeToNanos(undefined)).toBe('0');
  });

  it('handles non-normalized tuples like the OTLP serializer', () => {
    expect(hrTimeToNanos([1, 1_500_000_000])).toBe('2500000000');
    expect(hrTimeToNanos([1.9, 0.5])).toBe('1000000000');
    expect(hrTimeToNanos([-1, 0])).toBe('0');
    expect(hrTimeToNanos([Number.NaN, 0])).toBe('0');
  });
});

describe('compareNanos', () => {
  it('orders decimal strings numerically', () => {
    expect(['10', '9', '1700000000000000000', '0'].sort(compareNanos)).toEqual([
      '0',
      '9',
      '10',
      '1700000000000000000',
    ]);
  });
});
