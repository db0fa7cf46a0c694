import type { IncomingMessage } from 'node:http';

/** What the server reads and discards of a body it answered early, at most. */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
/** How long the server keeps reading a body it answered early, at most. */
export const DRAIN_MAX_MS = 10_000;

/**
 * Read and discard the rest of a request body the server answered without reading (a 413 on
 * `content-length`, a 401 before the body): closing with the upload still arriving makes the
 * TCP stack send a reset, which can destroy the answer before the client reads it and turns a
 * clear 413 into EPIPE or ECONNRESET (RFC 9112 §9.6). Bounded: beyond `maxBytes` or `maxMs`
 * the connection is cut, so a hostile upload costs bandwidth for a while, never memory.
 */
export function drainRequest(
  request: IncomingMessage,
  maxBytes = DRAIN_MAX_BYTES,
  maxMs = DRAIN_MAX_MS,
): void {
  if (request.complete || request.destroyed) return;
  let bytes = 0;
  const cut = () => request.socket?.destroy();
  const timer = setTimeout(cut, maxMs);
  timer.unref();
  const stop = () => clearTimeout(timer);
  request.on('data', (chunk: Buffer) => {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      stop();
      cut();
    }
  });
  request.once('end', stop);
  request.once('close', stop);
  request.resume();
}
