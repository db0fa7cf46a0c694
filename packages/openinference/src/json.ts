import type { AttributeValue } from '@llm-analytics/core';

/** Parse JSON without throwing: `undefined` when the text is not JSON. */
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

/** Stringify for tool arguments and message content; never throws (cycles, BigInt). */
export function safeStringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ??
      String(value)
    );
  } catch {
    // Unserializable (a cycle): the best text we have.
    return String(value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
