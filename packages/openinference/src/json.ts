import type { AttributeValue } from '@llm-analytics/core';

export { isPlainObject, safeStringify } from '@llm-analytics/core';

/**
 * Parse JSON without throwing: `undefined` when the text is not JSON. Unlike core's helper it
 * also parses scalars: a value whose mime type says JSON may be `42` or `true`.
 */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON after all: callers keep the raw string.
    return undefined;
  }
}

/** A JSON object or array held in a string attribute, or an already structured (kvlist) value. */
export function parseStructured(value: AttributeValue | undefined): unknown {
  if (typeof value !== 'string') return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  return tryParseJson(value);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
