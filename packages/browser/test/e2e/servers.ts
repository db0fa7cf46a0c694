/**
 * Loopback servers for the browser tests: the page's own origin (static files, with `/v1`
 * proxied to the mock OpenAI server) and a CORS front for the capture server, which plays the
 * ingestion server's role until that one answers CORS itself.
 */
import { readFile } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface Preflight {
  path: string;
  origin: string | undefined;
  method: string | undefined;
  headers: string | undefined;
}

export interface CorsProxy extends RunningServer {
  /** The OPTIONS requests the browser sent. */
  preflights: Preflight[];
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(`http://127.0.0.1:${address.port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Forward a request to `target` (an origin), piping both bodies; `extra` headers on the answer. */
function forward(
  incoming: IncomingMessage,
  response: ServerResponse,
  target: string,
  extra: Record<string, string> = {},
): void {
  const url = new URL(incoming.url ?? '/', target);
  const headers: IncomingHttpHeaders = { ...incoming.headers, host: url.host };
  const outgoing = httpRequest(url, { method: incoming.method, headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...extra });
    answer.pipe(response);
  });
  outgoing.on('error', (error) => {
    if (!response.headersSent) response.writeHead(502, extra);
    response.end(String(error));
  });
  incoming.pipe(outgoing);
}

/**
 * What the ingestion server must do for browsers: answer preflights for POST with
 * `content-type`, `content-encoding` and `authorization`, and allow any origin on the answers.
 */
export async function startCorsProxy(target: string): Promise<CorsProxy> {
  const preflights: Preflight[] = [];
  const allowOrigin = { 'access-control-allow-origin': '*' };
  const server = createServer((incoming, response) => {
    if (incoming.method === 'OPTIONS') {
      preflights.push({
        path: incoming.url ?? '/',
        origin: incoming.headers.origin,
        method: incoming.headers['access-control-request-method'],
        headers: incoming.headers['access-control-request-headers'],
      });
      response.writeHead(204, {
        ...allowOrigin,
        'access-control-allow-methods': 'POST, OPTIONS',
        'access-control-allow-headers': 'content-type, content-encoding, authorization',
        'access-control-max-age': '86400',
      });
      response.end();
      return;
    }
    forward(incoming, response, target, allowOrigin);
  });
  const url = await listen(server);
  return { url, preflights, close: () => close(server) };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serve a built page from `root`; `/v1/*` goes to the OpenAI-compatible server at `openAI`. */
export async function startPageServer(root: string, openAI: string): Promise<RunningServer> {
  const server = createServer((incoming, response) => {
    const path = new URL(incoming.url ?? '/', 'http://page.invalid').pathname;
    if (path.startsWith('/v1/')) {
      forward(incoming, response, openAI);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
        response.writeHead(200, { 'content-type': type }).end(body);
      },
      () => response.writeHead(404).end('not found'),
    );
  });
  const url = await listen(server);
  return { url, close: () => close(server) };
}
