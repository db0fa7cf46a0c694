/** Below this many bytes gzip rarely pays for itself. */
const MIN_GZIP_BYTES = 1024;

/** Gzip with the platform's CompressionStream (Node 18+, browsers, edge runtimes). */
async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The body to send and its encoding: gzipped only when enabled, available and smaller. */
export async function maybeGzip(
  body: Uint8Array,
  enabled: boolean,
): Promise<{ body: Uint8Array; gzipped: boolean }> {
  if (!enabled || body.byteLength < MIN_GZIP_BYTES || typeof CompressionStream !== 'function')
    return { body, gzipped: false };
  try {
    const compressed = await gzip(body);
    return compressed.byteLength < body.byteLength
      ? { body: compressed, gzipped: true }
      : { body, gzipped: false };
  } catch {
    // Compression is an optimisation: send the plain body.
    return { body, gzipped: false };
  }
}
