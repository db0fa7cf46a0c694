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

/**
 * What bounds a series of attempts beyond `maxAttempts`: a deadline (a pending `forceFlush()`
 * or `shutdown()`) and a stop signal that aborts the attempt in flight (the deadline passed).
 */
export interface SendLimits {
  /** Epoch ms after which no attempt starts and no attempt runs; undefined: no deadline. */
  deadline?: () => number | undefined;
  /** Registers an abort for the attempt in flight; returns its unregistration. */
  onStop?: (abort: () => void) => () => void;
}

const TIMED_OUT = Symbol('timed out');

async function attempt(
  config: ResolvedConfig,
  request: OutgoingRequest,
  timeoutMs: number,
  limits: SendLimits,
): Promise<Attempt> {
  const controller = new AbortController();
  // The timeout also wins a race against the fetch: a fetch that ignores the abort signal (a
  // custom or polyfilled one) must not hang the export, nor forceFlush and shutdown with it.
  let timeUp: () => void = () => undefined;
  const timedOut = new Promise<typeof TIMED_OUT>((resolve) => (timeUp = () => resolve(TIMED_OUT)));
  const abort = () => {
    controller.abort();
    timeUp();
  };
  const timer = setTimeout(abort, timeoutMs);
  unref(timer);
  const unregister = limits.onStop?.(abort);
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
        ? `no answer within ${timeoutMs} ms`
        : `network error: ${String((error as Error)?.message ?? error)}`,
    };
  } finally {
    clearTimeout(timer);
    unregister?.();
  }
}

function remaining(limits: SendLimits): number {
  const deadline = limits.deadline?.();
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now();
}

/**
 * POST with retries on network errors, timeouts, 429, 502, 503 and 504: jittered exponential
 * backoff that honours `Retry-After` (up to `retryMaxDelayMs`; a longer one ends the
 * attempts), a bounded number of attempts, no retry on other 4xx. A deadline in `limits`
 * bounds the whole series, attempts and pauses alike, like OpenTelemetry's exporters.
 */
export async function sendWithRetry(
  config: ResolvedConfig,
  request: OutgoingRequest,
  random: () => number = Math.random,
  limits: SendLimits = {},
): Promise<SendOutcome> {
  let last: Attempt | undefined;
  let attempts = 0;
  for (let n = 1; n <= config.maxAttempts; n++) {
    const left = remaining(limits);
    if (left <= 0) {
      last ??= {
        ok: false,
        retriable: true,
        reason: 'the flush deadline passed before it was sent',
      };
      break;
    }
    attempts = n;
    last = await attempt(config, request, Math.min(config.requestTimeoutMs, left), limits);
    if (last.ok) return { delivered: true, attempts, status: last.status };
    if (!last.retriable || n === config.maxAttempts) break;
    const backoff = backoffDelay(n, config.retryBaseDelayMs, config.retryMaxDelayMs, random);
    const wait = last.retryAfterMs !== undefined ? Math.max(last.retryAfterMs, 0) : backoff;
    // A server that asks for a longer pause than we ever wait ends this series of attempts
    // (the processor keeps the request for a later round): forceFlush and shutdown must not
    // sleep for minutes because a Retry-After said so. Nor past the deadline.
    if (wait > config.retryMaxDelayMs || wait >= remaining(limits)) break;
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
