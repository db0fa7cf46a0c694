// Request bodies are untrusted JSON; these guards keep the handlers free of `any`.

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Text of a message content: a string, or the text parts of a content array joined. */
export function contentToText(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => {
      const record = asRecord(part);
      return asString(record.text) ?? asString(record.refusal) ?? '';
    })
    .filter((text) => text.length > 0)
    .join('\n');
}
