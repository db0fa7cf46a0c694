import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { HttpError } from './http-error';

/** The OTLP and capture endpoints' body limit (REFERENCE §4), on the wire and decompressed. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ReadBodyOptions {
  maxBytes: number;
  /** Also gunzip when no `content-encoding` says so (PostHog's `?compression=gzip-js`). */
  gzip?: boolean;
}

/** The client went away mid-body: there is nobody to answer. */
export class ClientAbortedError extends Error {
  override readonly name = 'ClientAbortedError';
}

type Decoder = Gunzip | Inflate;

function describeLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/**
 * A 413. The connection stays open: the server drains the rest of the upload (bounded, see
 * `drainRequest`) so the client reads the answer instead of a reset.
 */
function tooLarge(message: string): HttpError {
  return new HttpError(413, message);
}

function pickDecoder(request: IncomingMessage, forceGzip: boolean): Decoder | undefined {
  const header = request.headers['content-encoding'];
  const encoding = (Array.isArray(header) ? header.join(',') : (header ?? '')).trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return forceGzip ? createGunzip() : undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  throw new HttpError(
    415,
    `unsupported content-encoding "${encoding}": send gzip, deflate or an uncompressed body`,
  );
}

/**
 * Read a request body with a byte cap on the wire and, for compressed bodies, after
 * decompression. Decompression streams as the bytes arrive and stops at the cap, so a gzip
 * bomb costs at most `maxBytes` of memory and is refused as soon as it crosses the line.
 */
export function readBody(request: IncomingMessage, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes } = options;
  const limit = describeLimit(maxBytes);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(tooLarge(`request body of ${declared} bytes exceeds the ${limit} limit`));
  let decoder: Decoder | undefined;
  try {
    decoder = pickDecoder(request, options.gzip === true);
  } catch (error) {
    return Promise.reject(error);
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let decodedBytes = 0;
    let settled = false;
    const finish = (error: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('aborted', onAborted);
      request.off('error', onError);
      if (error) {
        decoder?.destroy();
        // The rest of the upload is drained (not buffered) once the error is answered.
        reject(error);
      } else resolve(body!);
    };
    const onAborted = () => finish(new ClientAbortedError('client aborted the request'));
    const onError = (error: Error) => finish(new ClientAbortedError(error.message));
    const onData = (chunk: Buffer) => {
      wireBytes += chunk.byteLength;
      if (wireBytes > maxBytes) {
        finish(tooLarge(`request body exceeds the ${limit} limit`));
        return;
      }
      if (decoder) decoder.write(chunk);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      if (decoder) decoder.end();
      else finish(undefined, Buffer.concat(chunks, wireBytes));
    };

    if (decoder) {
      decoder.on('data', (chunk: Buffer) => {
        decodedBytes += chunk.byteLength;
        if (decodedBytes > maxBytes) {
          finish(tooLarge(`decompressed request body exceeds the ${limit} limit`));
          return;
        }
        chunks.push(chunk);
      });
      decoder.on('end', () => finish(undefined, Buffer.concat(chunks, decodedBytes)));
      decoder.on('error', (error: Error) =>
        finish(new HttpError(400, `invalid compressed body: ${error.message}`)),
      );
    }
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('aborted', onAborted);
    request.on('error', onError);
  });
}
