import { tryParseJson, type AttributeValue } from '@llm-analytics/core';

/** A JSON object or array held in a string attribute, or an already structured (kvlist) value. */
export function parseStructured(value: AttributeValue | undefined): unknown {
  if (typeof value !== 'string') return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  return tryParseJson(value);
}

/** The value when it is a non-empty string, else `undefined`. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
