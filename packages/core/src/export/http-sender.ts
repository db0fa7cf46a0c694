import { backoffDelay, parseRetryAfter, RETRIABLE_STATUSES, sleep, unref } from './backoff';
import type { ResolvedConfig } from './config';

export interface OutgoingRequest {
  body: Uint8Array;
  headers: Record<string, string>;
  /** Items (events or spans) in the body, for counting. */
  items: number;
}

export interface SendOutcome {
  delivered: boolean;
  attempts: number;
  status?: number;
  /** Why the request was given up. */
  reason?: string;
  /** The last failure was worth another attempt later (network error, timeout, 429, 5xx gateway). */
  retriable?: boolean;
}

type Attempt =
  | { ok: true; status: number }
  | { ok: false; retriable: boolean; status?: number; retryAfterMs?: number; reason: string };

const TIMED_OUT = Symbol('timed out');

async function attempt(config: ResolvedConfig, request: OutgoingRequest): Promise<Attempt> {
  const controller = new AbortController();
  // The timeout also wins a race against the fetch: a fetch that ignores the abort signal (a
  // custom or polyfilled one) must not hang the export, nor forceFlush and shutdown with it.
  let timeUp: () => void = () => undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => (timeUp = () => resolve(TIMED_OUT)));
  const timer = setTimeout(() => {
    controller.abort();
    timeUp();
  }, config.requestTimeoutMs);
  unref(timer);
  try {
    const response = await Promise.race([
      config.fetch(config.endpoint, {
        method: 'POST',
        headers: request.headers,
        body: request.body as BodyInit,
        signal: controller.signal,
      }),
      timedOut,
    ]);
    if (response === TIMED_OUT) throw new Error('request timed out');
    // Drain the body so the connection can be reused; its content is not needed.
    await Promise.race([response.arrayBuffer().catch(() => undefined), timedOut]);
    if (response.ok) return { ok: true, status: response.status };
    return {
      ok: false,
      status: response.status,
      retriable: RETRIABLE_STATUSES.has(response.status),
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      reason: `HTTP ${response.status}`,
    };
  } catch (error) {
    const aborted = controller.signal.aborted;
    return {
      ok: false,
      retriable: true,
      reason: aborted
        ? `timeout after ${config.requestTimeoutMs} ms`
        : `network error: ${String((error as Error)?.message ?? error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * POST with retries on network errors, timeouts, 429, 502, 503 and 504: jittered exponential
 * backoff that honours `Retry-After` (up to `retryMaxDelayMs`; a longer one ends the
 * attempts), a bounded number of attempts, no retry on other 4xx.
 */
export async function sendWithRetry(
  config: ResolvedConfig,
  request: OutgoingRequest,
  random: () => number = Math.random,
): Promise<SendOutcome> {
  let last: Attempt | undefined;
  let attempts = 0;
  for (let n = 1; n <= config.maxAttempts; n++) {
    attempts = n;
    last = await attempt(config, request);
    if (last.ok) return { delivered: true, attempts, status: last.status };
    if (!last.retriable || n === config.maxAttempts) break;
    const backoff = backoffDelay(n, config.retryBaseDelayMs, config.retryMaxDelayMs, random);
    const wait = last.retryAfterMs !== undefined ? Math.max(last.retryAfterMs, 0) : backoff;
    // A server that asks for a longer pause than we ever wait ends this series of attempts
    // (the processor keeps the request for a later round): forceFlush and shutdown must not
    // sleep for minutes because a Retry-After said so.
    if (wait > config.retryMaxDelayMs) break;
    await sleep(wait);
  }
  const failure = last as Exclude<Attempt, { ok: true }>;
  return {
    delivered: false,
    attempts,
    status: failure.status,
    reason: failure.reason,
    retriable: failure.retriable,
  };
}
