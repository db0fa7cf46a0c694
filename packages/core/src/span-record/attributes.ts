import type { AttributeValue, Attributes } from '../types';
import { bytesToBase64 } from './encoding';
import { setOwn } from '../util/own';

/** Nesting depth past which arrays and maps are replaced by {@link MAX_DEPTH_MARKER}. */
export const MAX_ATTRIBUTE_DEPTH = 32;
/** What a too-deeply nested array or map becomes. */
export const MAX_DEPTH_MARKER = '[max depth]';

const INT64_MIN = -(2 ** 63);
const INT64_LIMIT = 2 ** 63;

/** Set `target[key]` as an own, enumerable property, also for `__proto__` (never a prototype write). */
export function setAttribute(target: Attributes, key: string, value: AttributeValue): void {
  setOwn(target, key, value);
}

/**
 * A JS number as a JSON-safe attribute value: integers beyond 2^53 that OTLP would carry as
 * int64 become exact decimal strings, NaN and ±Infinity become 'NaN' / 'Infinity' / '-Infinity'.
 */
export function normalizeNumber(value: number): AttributeValue {
  if (Number.isSafeInteger(value)) return value === 0 ? 0 : value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && value >= INT64_MIN && value < INT64_LIMIT)
    return BigInt(value).toString();
  return value;
}

/**
 * Convert an SDK attribute value or log body (string, number, boolean, Uint8Array, array,
 * plain map, null/undefined) the way the OTLP serializer would, so SDK and wire paths agree.
 */
export function toAttributeValue(value: unknown, depth = 1): AttributeValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return normalizeNumber(value);
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object': {
      if (value === null) return null;
      if (value instanceof Uint8Array) return bytesToBase64(value);
      if (depth > MAX_ATTRIBUTE_DEPTH) return MAX_DEPTH_MARKER;
      if (Array.isArray(value)) {
        const items: AttributeValue[] = new Array<AttributeValue>(value.length);
        for (let index = 0; index < value.length; index++)
          items[index] = toAttributeValue(value[index], depth + 1);
        return items;
      }
      const map: Attributes = {};
      const source = value as Record<string, unknown>;
      for (const key of Object.keys(source))
        setAttribute(map, key, toAttributeValue(source[key], depth + 1));
      return map;
    }
    default:
      // undefined, functions, symbols: the serializer writes an empty AnyValue.
      return null;
  }
}

/** Convert an SDK attribute map; keys stay own properties whatever they are. */
export function toAttributes(
  attributes: Readonly<Record<string, unknown>> | undefined,
): Attributes {
  const result: Attributes = {};
  if (!attributes) return result;
  for (const key of Object.keys(attributes))
    setAttribute(result, key, toAttributeValue(attributes[key]));
  return result;
}
