import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(request: IncomingMessage): string | undefined {
  return parseBearer(request.headers.authorization);
}

/** The token of an `Authorization` value (an HTTP header or gRPC metadata), if it is `Bearer <token>`. */
export function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** 401 with a `WWW-Authenticate` challenge, as RFC 6750 asks. */
export function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { 'www-authenticate': 'Bearer' });
}
