// The JSON helpers are core's; these names are the ones this package's modules use.
export {
  isPlainObject as isRecord,
  parseMaybeJson as parseJsonValue,
  safeStringify as stringifyValue,
} from '@llm-analytics/core';

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
