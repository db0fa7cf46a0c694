import type { ServerResponse } from 'node:http';

/** Send a JSON body; no-op when the response already went out (client gone, double send). */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendBytes(response, status, 'application/json', Buffer.from(JSON.stringify(body)), headers);
}

/** Send raw bytes with a content type. */
export function sendBytes(
  response: ServerResponse,
  status: number,
  contentType: string,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': String(bytes.byteLength),
  });
  response.end(bytes);
}
