/**
 * CORS for the ingestion endpoints: a browser page on any origin may send events (it holds a
 * write-only project token), so every ingestion answer, errors included, carries
 * `Access-Control-Allow-Origin: *` and a preflight is answered here. The read API gets no CORS
 * headers at all: a browser never lets another origin read it. No credentials are allowed
 * (tokens travel in the body or the Authorization header, never in cookies).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CAPTURE_PATHS, OTLP_LOGS_PATH, OTLP_TRACES_PATH } from '../routes';

/** How long a browser may cache a preflight (Chromium caps it at 2 hours). */
export const CORS_MAX_AGE_SECONDS = 7200;

// Trailing slashes are optional, as in the router.
const pathKey = (path: string) =>
  path
    .split('/')
    .filter((segment) => segment !== '')
    .join('/');

const INGESTION_PATHS = new Set(
  [OTLP_TRACES_PATH, `${OTLP_TRACES_PATH}/v1/traces`, OTLP_LOGS_PATH, ...CAPTURE_PATHS].map(
    pathKey,
  ),
);

export function isIngestionPath(pathname: string): boolean {
  return INGESTION_PATHS.has(pathKey(pathname));
}

/**
 * Adds the CORS header to an ingestion request's answer and answers its preflight (OPTIONS)
 * with a 204. True when the request has been answered.
 */
export function applyIngestionCors(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
): boolean {
  if (!isIngestionPath(pathname)) return false;
  response.setHeader('access-control-allow-origin', '*');
  if (request.method !== 'OPTIONS') return false;
  response.writeHead(204, {
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type, content-encoding, authorization',
    'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
  });
  response.end();
  return true;
}
