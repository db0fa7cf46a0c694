import { gzip } from 'node:zlib';

/**
 * zlib level 1: on prose-like messages ~10× cheaper in CPU than `CompressionStream`'s level 6
 * for ~13% more bytes (bench/README.md), and the export's CPU is paid by the application.
 */
const LEVEL = 1;

/** Gzip on the libuv thread pool at level 1: the Node adapters' request compression. */
export function nodeGzip(data: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gzip(data, { level: LEVEL }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
