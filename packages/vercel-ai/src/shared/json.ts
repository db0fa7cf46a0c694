/** A value that may be JSON text: parsed when it is JSON, returned as-is otherwise. */
export function parseJsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Truncated or plain text that happens to start like JSON: keep the text.
    return value;
  }
}

/** Stringify for message content and tool arguments; never throws (cycles, BigInt). */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    return text ?? String(value);
  } catch {
    // A cycle: String() is the best we can do without throwing.
    return String(value);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
