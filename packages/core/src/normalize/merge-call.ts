import type { NormalizedCall, PartialCall } from '../types';
import { setOwn } from '../util/own';

/**
 * Fields merged key by key rather than whole: a framework that knows only some usage counts
 * or some parameters must not hide the counts and parameters a later normalizer finds.
 */
const PER_KEY_FIELDS = new Set(['usage', 'parameters', 'cost', 'properties']);

function mergeRecord(
  target: Record<string, unknown> | undefined,
  source: Record<string, unknown>,
): Record<string, unknown> {
  const out = target ?? {};
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined || Object.prototype.hasOwnProperty.call(out, key)) continue;
    setOwn(out, key, value);
  }
  return out;
}

/**
 * Merge one normalizer's partial call into the call so far. Earlier normalizers win field by
 * field, and inside `usage`, `parameters`, `cost` and `properties` key by key; consumed keys
 * add up. Returns whether this partial decided the call's kind.
 */
export function mergePartialCall(target: NormalizedCall, partial: PartialCall): boolean {
  const record = target as unknown as Record<string, unknown>;
  let decidedKind = false;
  for (const key of Object.keys(partial)) {
    if (key === 'consumedKeys') continue;
    const value = (partial as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (PER_KEY_FIELDS.has(key) && typeof value === 'object' && value !== null) {
      record[key] = mergeRecord(
        record[key] as Record<string, unknown> | undefined,
        value as Record<string, unknown>,
      );
      continue;
    }
    if (record[key] !== undefined) continue;
    record[key] = value;
    if (key === 'kind') decidedKind = true;
  }
  if (partial.consumedKeys) for (const key of partial.consumedKeys) target.consumedKeys.add(key);
  return decidedKind;
}
