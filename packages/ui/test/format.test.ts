import { describe, expect, it } from 'vitest';
import { formatAgo, formatCount, formatPercent, formatSeconds, formatUsd } from '../src/lib/format';
import { bucketStarts, timeRangeFrom } from '../src/lib/time-range';

describe('formatting', () => {
  it('prints costs with enough digits for tiny per-call amounts, and no scientific notation', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(1234.5)).toBe('$1,235');
    expect(formatUsd(1.234)).toBe('$1.23');
    expect(formatUsd(0.0123)).toBe('$0.012');
    expect(formatUsd(0.000352)).toBe('$0.000352');
    expect(formatUsd(0.0000446)).toBe('$0.000045');
    expect(formatUsd(0.0000001)).toBe('<$0.000001');
    expect(formatUsd(null)).toBe('–');
  });

  it('prints counts, durations, rates and ages', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(2_500_000)).toBe('2.5M');
    expect(formatSeconds(0.34)).toBe('340 ms');
    expect(formatSeconds(1.234)).toBe('1.23 s');
    expect(formatSeconds(75)).toBe('1m 15s');
    expect(formatPercent(0.1428)).toBe('14%');
    expect(formatPercent(0.005)).toBe('0.50%');
    expect(formatAgo(1000, 61_000)).toBe('1m ago');
  });
});

describe('time ranges', () => {
  it('resolves presets against the clock and picks a bucket that keeps charts readable', () => {
    const day = timeRangeFrom(new URLSearchParams('range=24h'));
    expect(day.resolve(Date.UTC(2025, 0, 2))).toEqual({ from: '2025-01-01T00:00:00.000Z' });
    expect(day.bucket).toBe('hour');
    expect(timeRangeFrom(new URLSearchParams('range=1h')).bucket).toBe('minute');
    expect(timeRangeFrom(new URLSearchParams('range=30d')).bucket).toBe('day');
    expect(timeRangeFrom(new URLSearchParams('range=all')).resolve()).toEqual({});
    expect(timeRangeFrom(new URLSearchParams('range=bogus')).id).toBe('24h');
  });

  it('uses absolute from/to (a chart selection) over the preset', () => {
    const range = timeRangeFrom(
      new URLSearchParams('range=7d&from=2025-01-01T10:00:00Z&to=2025-01-01T11:00:00Z'),
    );
    expect(range.id).toBe('custom');
    expect(range.bucket).toBe('minute');
    expect(range.resolve()).toEqual({
      from: '2025-01-01T10:00:00.000Z',
      to: '2025-01-01T11:00:00.000Z',
    });
  });

  it('fills every bucket of the range, aligned like the server (UTC)', () => {
    const starts = bucketStarts('hour', Date.UTC(2025, 0, 1, 10, 30), Date.UTC(2025, 0, 1, 13, 5));
    expect(starts.map((time) => new Date(time).toISOString())).toEqual([
      '2025-01-01T10:00:00.000Z',
      '2025-01-01T11:00:00.000Z',
      '2025-01-01T12:00:00.000Z',
      '2025-01-01T13:00:00.000Z',
    ]);
  });
});
