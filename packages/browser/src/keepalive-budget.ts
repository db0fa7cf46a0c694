/**
 * The browser's quota for request bodies in flight with `keepalive`: 64 KiB per document (the
 * Fetch standard's inflight keepalive bytes). Chromium counts `sendBeacon` against it too.
 */
export const KEEPALIVE_BUDGET_BYTES = 64 * 1024;

/**
 * Counts the bytes of our own keepalive requests still in flight, so that none is refused for
 * overrunning the quota. Other keepalive requests of the page are not seen: a request refused
 * on their account fails like a network error and is retried or counted as lost.
 */
export class KeepaliveBudget {
  private inFlightBytes = 0;

  constructor(readonly limit: number = KEEPALIVE_BUDGET_BYTES) {}

  /** Bytes a keepalive request may still carry now. */
  get available(): number {
    return this.limit - this.inFlightBytes;
  }

  /** Reserve `bytes` if they fit; the caller releases them when the request settles. */
  tryReserve(bytes: number): boolean {
    if (bytes > this.available) return false;
    this.inFlightBytes += bytes;
    return true;
  }

  release(bytes: number): void {
    this.inFlightBytes = Math.max(0, this.inFlightBytes - bytes);
  }
}

/** Whether this browser's fetch knows `keepalive` (Firefox only since 133). */
export function supportsKeepalive(): boolean {
  return typeof Request === 'function' && 'keepalive' in Request.prototype;
}

function bodyBytes(body: BodyInit | null | undefined): number | undefined {
  if (body instanceof Uint8Array) return body.byteLength;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  return undefined;
}

/**
 * `fetch` for the normal transport that marks a request `keepalive` while its body fits the
 * budget, so a request already in flight when the page goes away still completes.
 */
export function keepaliveFetch(base: typeof fetch, budget: KeepaliveBudget): typeof fetch {
  return (input, init) => {
    const bytes = bodyBytes(init?.body);
    if (bytes === undefined || !supportsKeepalive() || !budget.tryReserve(bytes))
      return base(input, init);
    let pending: Promise<Response>;
    try {
      pending = base(input, { ...init, keepalive: true });
    } catch (error) {
      budget.release(bytes);
      throw error;
    }
    return pending.finally(() => budget.release(bytes));
  };
}
