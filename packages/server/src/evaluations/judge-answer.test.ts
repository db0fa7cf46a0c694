import { describe, expect, it } from 'vitest';
import { InvalidJudgeOutputError, readJudgeAnswer } from './judge-answer';
import { retryAfterMs } from './judge-client';

describe('judge answers', () => {
  it('reads each result shape and its pass / fail', () => {
    expect(
      readJudgeAnswer('{"reasoning":"r","applicable":true,"verdict":false}', { type: 'boolean' }),
    ).toEqual({
      applicable: true,
      passed: false,
      reasoning: 'r',
    });
    expect(
      readJudgeAnswer('{"reasoning":"r","applicable":true,"score":2}', {
        type: 'number',
        min: 1,
        max: 5,
        passThreshold: 3,
      }),
    ).toEqual({ applicable: true, numeric: 2, passed: false, reasoning: 'r' });
    expect(
      readJudgeAnswer('{"reasoning":"r","applicable":true,"category":"ok"}', {
        type: 'category',
        categories: ['ok', 'bad'],
      }),
    ).toEqual({ applicable: true, category: 'ok', reasoning: 'r' });
    expect(
      readJudgeAnswer('{"reasoning":"no question","applicable":false}', { type: 'boolean' }),
    ).toEqual({
      applicable: false,
      reasoning: 'no question',
    });
  });

  it('refuses what does not fit the shape, saying why', () => {
    const shape = { type: 'number', min: 1, max: 5 } as const;
    expect(() => readJudgeAnswer('yes', shape)).toThrow(InvalidJudgeOutputError);
    expect(() => readJudgeAnswer('{"reasoning":"r","score":6}', shape)).toThrow(
      '"score" 6 is outside 1..5',
    );
    expect(() => readJudgeAnswer('{"score":3}', shape)).toThrow('"reasoning" is missing');
    expect(() =>
      readJudgeAnswer('{"reasoning":"r","category":"meh"}', {
        type: 'category',
        categories: ['ok'],
      }),
    ).toThrow('"category" is not one of ok');
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});
