/** Raw HTTP over node:http: any method, header or body (fetch forbids lying about lengths). */
import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

export interface RawRequest {
  method?: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Uint8Array | string;
  /** No answer within this many ms counts as a hang (default 15 s). */
  timeoutMs?: number;
  agent?: Agent;
}

export type RawResponse =
  | { ok: true; status: number; headers: IncomingHttpHeaders; body: Buffer; ms: number }
  | { ok: false; error: string; code?: string; timedOut: boolean; ms: number };

/** Send one request; never rejects. Answers are read up to 1 MiB. */
export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  // The path is sent as given (`//batch//` must not become a host).
  const url = new URL(baseUrl);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: RawResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const headers: OutgoingHttpHeaders = { ...options.headers };
    const named = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name);
    // node:http sends no length for a DELETE/OPTIONS body unless told: the body would be read as a next request.
    if (options.body !== undefined && !named('content-length') && !named('transfer-encoding'))
      headers['content-length'] = String(Buffer.byteLength(options.body));
    let req: ReturnType<typeof request>;
    try {
      req = request(
        {
          host: url.hostname,
          port: url.port,
          path: options.path,
          method: options.method ?? 'POST',
          headers,
          agent: options.agent ?? false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.byteLength;
            if (size <= 1024 * 1024) chunks.push(chunk);
          });
          res.on('end', () =>
            done({
              ok: true,
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              ms: Date.now() - started,
            }),
          );
          // A response cut mid-body still answered with its status.
          res.on('error', () =>
            done({
              ok: true,
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks),
              ms: Date.now() - started,
            }),
          );
        },
      );
    } catch (error) {
      // Refused by node:http before sending (e.g. characters a path can't hold).
      resolve({
        ok: false,
        error: `not sent: ${(error as Error).message}`,
        timedOut: false,
        ms: 0,
      });
      return;
    }
    const timer = setTimeout(() => {
      done({ ok: false, error: 'no answer', timedOut: true, ms: Date.now() - started });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({
        ok: false,
        error: error.message,
        ...(error.code ? { code: error.code } : {}),
        timedOut: false,
        ms: Date.now() - started,
      }),
    );
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** GET a read-API path with a bearer key and parse the JSON. */
export async function readJson<T>(
  baseUrl: string,
  path: string,
  key: string | undefined,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(new URL(path, baseUrl), {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the caller sees the text.
  }
  return { status: response.status, body: body as T, headers: response.headers };
}
