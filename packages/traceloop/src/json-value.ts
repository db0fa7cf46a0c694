/** Small helpers for values that arrive either as JSON strings or already structured. */

export { isPlainObject as isRecord } from '@llm-analytics/core';

/**
 * Traceloop JSON-encodes what it stores (entity input and output, function parameters), so a
 * string that parses is the encoded value; anything else (structured OTLP values, plain text
 * from other producers) is kept as it came.
 */
export function decodeJsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Not JSON: a producer that stores plain text. Keep it.
    return value;
  }
}

/** Keys that would reach an object's prototype if assigned with `=`. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key from the network may become a property name. */
export function isSafeKey(key: string): boolean {
  return key !== '' && !UNSAFE_KEYS.has(key);
}
