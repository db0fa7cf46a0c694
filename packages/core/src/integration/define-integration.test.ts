import { describe, expect, it } from 'vitest';
import type { Normalizer } from '../types';
import { defineIntegration, isIntegration } from './define-integration';

const normalizer: Normalizer = { name: 'demo', matches: () => true, normalize: () => undefined };

describe('defineIntegration', () => {
  it('returns a frozen integration that isIntegration recognises', () => {
    const integration = defineIntegration({ name: 'demo', normalizers: [normalizer] });
    expect(integration.name).toBe('demo');
    expect(integration.normalizers).toEqual([normalizer]);
    expect(Object.isFrozen(integration)).toBe(true);
    expect(isIntegration(integration)).toBe(true);
    expect(isIntegration({ name: 'demo', normalizers: [normalizer] })).toBe(false);
  });

  it('copies the normalizer list, so later edits of the caller’s array change nothing', () => {
    const list = [normalizer];
    const integration = defineIntegration({ name: 'demo', normalizers: list });
    list.push({ ...normalizer, name: 'other' });
    expect(integration.normalizers).toHaveLength(1);
  });

  it.each([
    [undefined, 'the definition must be an object'],
    [{ name: '', normalizers: [] }, '`name` must be a non-empty string'],
    [{ name: 'x', normalizers: 'nope' }, 'defineIntegration("x"): normalizers must be an array'],
    [{ name: 'x', normalizers: [{ name: 'n' }] }, 'normalizers[0] needs a non-empty name'],
  ])(
    'rejects a malformed definition with a TypeError naming the problem (%#)',
    (input, message) => {
      expect(() => defineIntegration(input as never)).toThrow(TypeError);
      expect(() => defineIntegration(input as never)).toThrow(message);
    },
  );
});
