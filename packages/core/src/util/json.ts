/**
 * Parse a JSON object, array or string without throwing: `undefined` for anything else, so
 * free text that happens to be a number or `true` stays text.
 */
export function tryParseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the caller keeps the raw string.
    return undefined;
  }
}

/**
 * Parse any JSON text, scalars included, without throwing: `undefined` when it is not JSON.
 * For values declared as JSON (a JSON mime type, an encoder that always JSON-encodes).
 */
export function parseJsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON after all: the caller keeps the raw string.
    return undefined;
  }
}

/**
 * A value that may be a JSON string: parsed when it is JSON, as-is otherwise. Scalars
 * (`42`, `true`) are parsed only with `scalars`, for producers that JSON-encode every value.
 */
export function parseMaybeJson(value: unknown, scalars = false): unknown {
  if (typeof value !== 'string') return value;
  const parsed = scalars ? parseJsonValue(value) : tryParseJson(value);
  return parsed === undefined ? value : parsed;
}

/** Stringify for message arguments and states; never throws (cycles, BigInt). */
export function safeStringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    return text ?? String(value);
  } catch {
    return String(value);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}
