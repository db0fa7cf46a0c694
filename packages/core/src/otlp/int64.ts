/** 64-bit integers from protobuf (long.js Long or number) and OTLP/JSON (string or number). */
import type { AttributeValue } from '../types';
import { normalizeNumber } from '../span-record/attributes';
import type { Int64Like } from './proto';

const UINT64_DECIMAL = /^(?:0|[1-9]\d{0,19})$/;
const INT64_DECIMAL = /^-?\d{1,20}$/;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function longToBigInt(value: { low: number; high: number }, unsigned: boolean): bigint {
  const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return unsigned ? bits : BigInt.asIntN(64, bits);
}

/** A fixed64 nanosecond time as an exact decimal string ("0" when unset). */
export function uint64ToDecimal(value: Int64Like | null | undefined): string {
  if (value === null || value === undefined) return '0';
  if (typeof value === 'number')
    return value > 0 && Number.isFinite(value) ? BigInt(Math.trunc(value)).toString() : '0';
  if (value.high === 0) return String(value.low >>> 0);
  return longToBigInt(value, true).toString();
}

/** An int64 attribute: a number when |v| <= 2^53-1, else an exact decimal string. */
export function int64ToAttributeValue(value: Int64Like): AttributeValue {
  if (typeof value === 'number') return normalizeNumber(value);
  // Fast paths: values that fit in 32 bits.
  if (value.high === 0 && value.low >= 0) return value.low;
  if (!value.unsigned && value.high === -1 && value.low < 0) return value.low;
  return bigIntToAttributeValue(longToBigInt(value, value.unsigned === true));
}

function bigIntToAttributeValue(value: bigint): AttributeValue {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
}

/** An OTLP/JSON uint64 (time): decimal string or number → decimal string; `undefined` if invalid. */
export function parseJsonUint64(value: unknown): string | undefined {
  if (value === undefined || value === null) return '0';
  if (typeof value === 'string') {
    if (UINT64_DECIMAL.test(value)) return BigInt(value) <= UINT64_MAX ? value : undefined;
    // Leading zeros are legal in proto3 JSON input.
    if (/^\d{1,40}$/.test(value)) {
      const parsed = BigInt(value);
      return parsed <= UINT64_MAX ? parsed.toString() : undefined;
    }
    return undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  }
  return undefined;
}

/** An OTLP/JSON int64 attribute: decimal string or number; `undefined` if invalid. */
export function parseJsonInt64(value: unknown): AttributeValue | undefined {
  if (typeof value === 'number') return normalizeNumber(value);
  if (typeof value === 'string' && INT64_DECIMAL.test(value)) {
    const parsed = BigInt(value);
    if (parsed < INT64_MIN || parsed > INT64_MAX) return undefined;
    return bigIntToAttributeValue(parsed);
  }
  return undefined;
}
