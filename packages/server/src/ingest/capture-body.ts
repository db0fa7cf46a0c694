/**
 * The body forms PostHog clients send to the capture API, decoded to JSON:
 * - JSON, optionally gzip (`content-encoding: gzip`, or `?compression=gzip-js` with no header);
 * - form-encoded `data=<base64 JSON>` (posthog-js and older clients), `compression=base64`;
 * - gzip bytes without any header (sniffed by the gzip magic number).
 */
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { HttpError, badRequest } from '../http/http-error';
import { readBody } from '../http/read-body';

const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(bytes: Buffer): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

function gunzipCapped(bytes: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ||
      error instanceof RangeError
    )
      throw new HttpError(413, 'decompressed request body exceeds the size limit', {
        connection: 'close',
      });
    throw badRequest(`invalid gzip body: ${(error as Error).message}`);
  }
}

function decodeBase64Json(data: string): string {
  const trimmed = data.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  // posthog-js uses standard base64; URL-safe is accepted too.
  return Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`malformed JSON body: ${(error as Error).message}`);
  }
}

/** Read and decode a capture request body to its JSON value. */
export async function readCaptureBody(
  request: IncomingMessage,
  url: URL,
  maxBytes: number,
): Promise<unknown> {
  const compression = (url.searchParams.get('compression') ?? '').toLowerCase();
  if (compression === 'lz64' || compression === 'lz-string')
    throw new HttpError(415, 'lz64 compression is not supported: send gzip or plain JSON');
  let body = await readBody(request, {
    maxBytes,
    gzip: compression === 'gzip' || compression === 'gzip-js',
  });
  if (isGzip(body)) body = gunzipCapped(body, maxBytes);
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const text = body.toString('utf8');
  if (contentType.startsWith('application/x-www-form-urlencoded') || text.startsWith('data=')) {
    const form = new URLSearchParams(text);
    const data = form.get('data');
    if (data === null) throw badRequest('form body without a "data" field');
    const formCompression = (form.get('compression') ?? '').toLowerCase();
    if (formCompression === 'lz64')
      throw new HttpError(415, 'lz64 compression is not supported: send gzip or plain JSON');
    return parseJson(decodeBase64Json(data));
  }
  if (!text.trim()) throw badRequest('empty body');
  return parseJson(text);
}
