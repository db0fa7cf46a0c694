/** Nanosecond timestamps as exact decimal strings. */

/** An OpenTelemetry `HrTime`: [seconds, nanoseconds]. */
export type HrTimeTuple = readonly [number, number];

const NANOS_PER_SECOND = 1_000_000_000n;

/** `seconds * 1e9 + nanos` as an exact decimal string (no float rounding). */
export function hrTimeToNanos(time: HrTimeTuple | undefined): string {
  if (!time) return '0';
  const seconds = time[0];
  const nanos = time[1];
  // Fast path: the SDK's whole seconds and 0 <= nanos < 1e9 concatenate exactly.
  if (
    Number.isSafeInteger(seconds) &&
    Number.isSafeInteger(nanos) &&
    seconds > 0 &&
    nanos >= 0 &&
    nanos < 1e9
  ) {
    return String(seconds) + String(nanos).padStart(9, '0');
  }
  if (!Number.isFinite(seconds) || !Number.isFinite(nanos)) return '0';
  // Same arithmetic as the OTLP serializer (truncate both parts, then add).
  const total = BigInt(Math.trunc(seconds)) * NANOS_PER_SECOND + BigInt(Math.trunc(nanos));
  return total < 0n ? '0' : total.toString();
}

/** Numeric order of two non-negative decimal strings without leading zeros. */
export function compareNanos(left: string, right: string): number {
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
