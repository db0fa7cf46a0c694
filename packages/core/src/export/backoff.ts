/** Statuses worth another attempt: rate limits and gateway failures. Other 4xx/5xx are final. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Full-jitter exponential backoff: a delay in [d/2, d] with d = base·2^(attempt-1), capped. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unparsable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sleep on a timer that does not keep the process alive on its own. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    unref(timer);
  });
}

/** `unref()` where the runtime has it (Node, Bun, Deno); timers are plain numbers in browsers. */
export function unref(timer: unknown): void {
  (timer as { unref?: () => void } | undefined)?.unref?.();
}
