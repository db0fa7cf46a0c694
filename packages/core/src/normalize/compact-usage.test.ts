import { describe, expect, it } from 'vitest';
import { compactUsage } from './compact-usage';

describe('compactUsage', () => {
  it('drops undefined counts and keeps the known ones with their flags', () => {
    expect(
      compactUsage({ inputTokens: 3, outputTokens: undefined, inputIncludesCache: true }),
    ).toEqual({ inputTokens: 3, inputIncludesCache: true });
  });

  it('is undefined when no count is known, never zeros, even with flags', () => {
    expect(compactUsage({ inputTokens: undefined, inputIncludesCache: true })).toBeUndefined();
  });

  it('keeps a zero count: zero is known, not unknown', () => {
    expect(compactUsage({ outputTokens: 0 })).toEqual({ outputTokens: 0 });
  });
});
