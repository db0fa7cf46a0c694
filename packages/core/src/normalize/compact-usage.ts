import type { Usage } from '../types';

/**
 * Usage without its undefined fields; `undefined` when no count is known (unknown usage is
 * never zeros). Flags (`inputIncludesCache`, `estimated`) alone do not make a usage.
 */
export function compactUsage(usage: Usage): Usage | undefined {
  const out: Usage = {};
  let counted = false;
  for (const key of Object.keys(usage) as Array<keyof Usage>) {
    const value = usage[key];
    if (value === undefined) continue;
    (out as Record<string, unknown>)[key] = value;
    if (typeof value === 'number') counted = true;
  }
  return counted ? out : undefined;
}
