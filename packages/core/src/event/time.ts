/** Nanosecond decimal strings → seconds and ISO times, exact where it matters. */

export function nanosToSeconds(start: string, end: string): number | undefined {
  try {
    const diff = BigInt(end) - BigInt(start);
    if (diff < 0n) return undefined;
    return Number(diff) / 1e9;
  } catch {
    // Not a decimal string: no latency rather than a wrong one.
    return undefined;
  }
}

export function nanosToIso(nanos: string): string {
  try {
    const ms = Number(BigInt(nanos) / 1_000_000n);
    const date = new Date(ms);
    if (ms > 0 && !Number.isNaN(date.getTime())) return date.toISOString();
  } catch {
    // Fall through to "now".
  }
  return new Date().toISOString();
}
