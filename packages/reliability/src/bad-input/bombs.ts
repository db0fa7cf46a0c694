/** Compression bombs, built once by streaming zeros through zlib (no huge buffer in memory). */
import { createDeflate, createGzip, gzipSync, type Gzip } from 'node:zlib';

async function compressZeros(
  stream: Gzip | ReturnType<typeof createDeflate>,
  bytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!stream.write(zeros)) await new Promise((resolve) => stream.once('drain', resolve));
  }
  stream.end();
  await done;
  return Buffer.concat(chunks);
}

export interface Bombs {
  /** gzip of `inflatedBytes` zeros. */
  gzip: Buffer;
  /** deflate (zlib) of the same. */
  deflate: Buffer;
  /** gzip of the gzip bomb: small twice over. */
  nested: Buffer;
  /** gzip of a JSON capture body padded with spaces past the limit (valid once inflated). */
  jsonPadded: Buffer;
  inflatedBytes: number;
}

export async function buildBombs(inflatedBytes: number): Promise<Bombs> {
  const gzip = await compressZeros(createGzip({ level: 9 }), inflatedBytes);
  const deflate = await compressZeros(createDeflate({ level: 9 }), inflatedBytes);
  const nested = gzipSync(gzip, { level: 9 });
  const padding = ' '.repeat(8 * 1024 * 1024);
  const jsonPadded = gzipSync(`{"api_key":"x","batch":[]${padding}}`, { level: 9 });
  return { gzip, deflate, nested, jsonPadded, inflatedBytes };
}
