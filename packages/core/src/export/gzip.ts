import type { GzipFunction } from './types';

/** Below this many bytes gzip rarely pays for itself. */
const MIN_GZIP_BYTES = 1024;

/** Gzip with the platform's CompressionStream (Node 18+, browsers, edge runtimes). */
async function streamGzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The body to send and its encoding: gzipped only when enabled, available and smaller.
 * `gzip` replaces `CompressionStream` (zlib level 6, no level to choose) where the host has a
 * cheaper one.
 */
export async function maybeGzip(
  body: Uint8Array,
  enabled: boolean,
  gzip?: GzipFunction,
): Promise<{ body: Uint8Array; gzipped: boolean }> {
  if (!enabled || body.byteLength < MIN_GZIP_BYTES) return { body, gzipped: false };
  const compress = gzip ?? (typeof CompressionStream === 'function' ? streamGzip : undefined);
  if (!compress) return { body, gzipped: false };
  try {
    const compressed = await compress(body);
    return compressed.byteLength < body.byteLength
      ? { body: compressed, gzipped: true }
      : { body, gzipped: false };
  } catch {
    // Compression is an optimisation: send the plain body.
    return { body, gzipped: false };
  }
}
