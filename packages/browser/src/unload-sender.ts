import type { SyncFlushRequest, SyncFlushSender } from '@llm-analytics/core';
import { supportsKeepalive, type KeepaliveBudget } from './keepalive-budget';

/**
 * The capture API reads a JSON body whatever its content type (ours and PostHog's alike), and
 * `text/plain` keeps the request CORS-simple: no preflight, which a closing page may not wait for.
 */
const BEACON_CONTENT_TYPE = 'text/plain;charset=UTF-8';

interface NavigatorLike {
  sendBeacon?: (url: string, data?: BodyInit | null) => boolean;
}

function sendBeacon(request: SyncFlushRequest): boolean {
  const navigator = (globalThis as { navigator?: NavigatorLike }).navigator;
  if (typeof navigator?.sendBeacon !== 'function' || typeof Blob !== 'function') return false;
  const body = new Blob([request.body as BlobPart], { type: BEACON_CONTENT_TYPE });
  return navigator.sendBeacon(request.url, body) === true;
}

function keepaliveInit(request: SyncFlushRequest): RequestInit {
  const common = { method: 'POST', body: request.body as BodyInit, keepalive: true };
  // Events carry the token in the body: a no-cors text/plain request needs no CORS at all.
  // OTLP needs its authorization header, so it stays a CORS request with a preflight.
  return request.transport === 'events'
    ? {
        ...common,
        mode: 'no-cors',
        credentials: 'omit',
        headers: { 'content-type': BEACON_CONTENT_TYPE },
      }
    : { ...common, mode: 'cors', credentials: 'omit', headers: request.headers };
}

/**
 * The page-unload sender: `fetch(..., { keepalive: true })` while the request fits the keepalive
 * budget, else `navigator.sendBeacon` (events transport only: a beacon cannot carry the OTLP
 * authorization header). Either one starts the request before returning; false hands the
 * request back to the normal transport. A started request is never offered to the other path.
 */
export function createUnloadSender(
  budget: KeepaliveBudget,
  baseFetch: typeof fetch | undefined,
): SyncFlushSender {
  return (request) => {
    const bytes = request.body.byteLength;
    if (baseFetch && supportsKeepalive() && budget.tryReserve(bytes)) {
      let pending: Promise<Response> | undefined;
      try {
        pending = baseFetch(request.url, keepaliveInit(request));
      } catch {
        // fetch refused synchronously: nothing went out, so the beacon may try.
        budget.release(bytes);
      }
      if (pending) {
        // Nobody awaits the outcome at unload; a failure is not retried (it may have arrived).
        void pending.then(
          () => budget.release(bytes),
          () => budget.release(bytes),
        );
        return true;
      }
    }
    return request.transport === 'events' && sendBeacon(request);
  };
}
