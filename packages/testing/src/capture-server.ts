import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { closeServer, listen, queryToRecord, readBody, sleep } from './http-utils';
import type {
  CapturedRequest,
  CaptureResponder,
  CaptureServer,
  CaptureServerOptions,
  ScriptedResponse,
} from './types';

const DEFAULT_RESPONSE: ScriptedResponse = { status: 200, body: { status: 1 } };

/**
 * Starts a loopback sink that records every request (PostHog `/batch/`, OTLP
 * `/i/v0/ai/otel`, …) and answers 200 `{"status":1}` unless scripted otherwise.
 */
export async function startCaptureServer(
  options: CaptureServerOptions = {},
): Promise<CaptureServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: CapturedRequest[] = [];
  let queue: ScriptedResponse[] = [];
  let responder: CaptureResponder | undefined;
  const waiters = new Set<() => void>();

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(
        `capture server failure: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const captured = await captureRequest(request);
    requests.push(captured);
    for (const notify of waiters) notify();
    const scripted = queue.shift() ?? (await responder?.(captured)) ?? options.defaultResponse;
    await sendScripted(response, scripted ?? DEFAULT_RESPONSE);
  }

  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    respondWith(next) {
      if (typeof next === 'function') responder = next;
      else queue.push(...(Array.isArray(next) ? next : [next]));
    },
    waitFor(countOrPredicate, timeoutMs = 5000) {
      const check = (): CapturedRequest[] | undefined => {
        if (typeof countOrPredicate === 'number') {
          return requests.length >= countOrPredicate ? [...requests] : undefined;
        }
        const matching = requests.filter(countOrPredicate);
        return matching.length > 0 ? matching : undefined;
      };
      return new Promise((resolve, reject) => {
        const done = check();
        if (done) {
          resolve(done);
          return;
        }
        const notify = (): void => {
          const result = check();
          if (!result) return;
          clearTimeout(timer);
          waiters.delete(notify);
          resolve(result);
        };
        const timer = setTimeout(() => {
          waiters.delete(notify);
          reject(
            new Error(
              `capture server: timed out after ${timeoutMs} ms waiting for requests (received ${requests.length})`,
            ),
          );
        }, timeoutMs);
        waiters.add(notify);
      });
    },
    reset() {
      requests.length = 0;
      queue = [];
      responder = undefined;
    },
    close: () => closeServer(server),
  };
}

async function captureRequest(request: IncomingMessage): Promise<CapturedRequest> {
  const url = new URL(request.url ?? '/', 'http://capture.invalid');
  const rawBody = await readBody(request);
  const body = decodeBody(rawBody, request.headers['content-encoding']);
  const text = body.toString('utf8');
  const contentType = request.headers['content-type'] ?? '';
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: queryToRecord(url.searchParams),
    headers: request.headers,
    rawBody,
    body,
    text,
    json: contentType.includes('json') ? parseJsonOrUndefined(text) : undefined,
    receivedAt: Date.now(),
  };
}

function decodeBody(raw: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(raw);
    case 'deflate':
      return inflateSync(raw);
    case 'br':
      return brotliDecompressSync(raw);
    default:
      return raw;
  }
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A malformed JSON body is still recorded as raw bytes and text; tests assert on those.
    return undefined;
  }
}

async function sendScripted(response: ServerResponse, scripted: ScriptedResponse): Promise<void> {
  await sleep(scripted.delayMs ?? 0);
  if (scripted.destroySocket) {
    response.socket?.destroy();
    return;
  }
  const body = scripted.body === undefined ? DEFAULT_RESPONSE.body : scripted.body;
  const isRaw = typeof body === 'string' || Buffer.isBuffer(body);
  const payload = isRaw ? body : JSON.stringify(body);
  response.writeHead(scripted.status ?? 200, {
    'content-type': isRaw ? 'text/plain' : 'application/json',
    ...scripted.headers,
  });
  response.end(payload);
}
