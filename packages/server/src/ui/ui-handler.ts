/**
 * The web UI: the built `@llm-analytics/ui` assets, an SPA fallback for client-side paths,
 * long-lived caching for hashed assets and a strict Content-Security-Policy.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from '../http/http-error';
import { sendBytes, sendJson } from '../http/respond';
import type { RouteContext } from '../http/router';
import { StaticFiles, type StaticFile } from './static-files';

/**
 * LLM content shown by the UI is untrusted. The UI renders it as text; this policy is the
 * second line: only our own scripts and styles run, nothing is framed, nothing is posted away.
 */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': UI_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** Vite puts content-hashed files here: a new build gets new names, so they never change. */
const HASHED_ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths that belong to the API and ingestion: never answered with the UI. */
const SERVER_PREFIXES = ['/api/', '/i/', '/v1/', '/batch', '/capture', '/e/', '/healthz'];

/**
 * First path segments of the UI's client-side routes (`/traces/<id>`): answered with the UI's
 * page. Any other unknown path stays a 404, so scanners and typos are not sent an app.
 */
const CLIENT_ROUTES = new Set([
  '',
  'dashboard',
  'traces',
  'generations',
  'errors',
  'evaluations',
  'sessions',
  'users',
]);

export const UI_PACKAGE = '@llm-analytics/ui';

/** The `dist` directory of the installed `@llm-analytics/ui` package, if it is installed. */
export function defaultUiDir(): string | undefined {
  // The published package carries the built UI next to its bundles (dist/ui).
  const bundled = join(dirname(fileURLToPath(import.meta.url)), 'ui');
  if (isUiBuilt(bundled)) return bundled;
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve(`${UI_PACKAGE}/package.json`)), 'dist');
  } catch (error) {
    // Not installed (a server without its UI): the server still runs and says so at `/`.
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export function isServerPath(pathname: string): boolean {
  return SERVER_PREFIXES.some(
    (prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix),
  );
}

/** Whether the UI is built in `dir` (its `index.html` exists). */
export function isUiBuilt(dir: string | undefined): dir is string {
  return dir !== undefined && existsSync(join(dir, 'index.html'));
}

export interface UiHandlerOptions {
  /** Built UI directory; `undefined` when the UI package is not installed. */
  dir: string | undefined;
  /** What `/` answered before the UI: kept for clients that ask for JSON. */
  describe: () => unknown;
}

function acceptsGzip(request: IncomingMessage): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/i.test(header);
}

function prefersJson(request: IncomingMessage): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  file: StaticFile,
  cacheControl: string,
  extra: Record<string, string> = {},
): void {
  const headers: Record<string, string> = {
    ...extra,
    'cache-control': cacheControl,
    etag: file.etag,
    vary: 'Accept-Encoding',
  };
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim() === file.etag)) {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(304, headers);
    response.end();
    return;
  }
  let bytes = file.bytes;
  if (file.gzipped && acceptsGzip(request)) {
    bytes = file.gzipped;
    headers['content-encoding'] = 'gzip';
  }
  // Node leaves the body out of answers to HEAD requests on its own.
  sendBytes(response, 200, file.contentType, bytes, headers);
}

function notBuiltMessage(dir: string | undefined): string {
  return [
    'llm-analytics is running, but the web UI is not built.',
    '',
    dir === undefined
      ? `The ${UI_PACKAGE} package is not installed next to the server.`
      : `Build it with \`pnpm --filter ${UI_PACKAGE} build\` (or \`pnpm build\` at the repository root); looked in ${dir}`,
    '',
    'Everything else works:',
    '  send traces   POST /i/v0/ai/otel (OTLP/HTTP), POST /batch/ (PostHog capture)',
    '  read          GET /api/traces, /api/generations, /api/sessions, /api/users, /api/dashboard, /api/errors, /api/extent',
    '  evaluators    GET/POST /api/evaluators, GET/PUT/DELETE /api/evaluators/:id, POST /api/evaluators/:id/run',
    '                with Authorization: Bearer <read key>',
    '',
  ].join('\n');
}

/**
 * The route for every GET or HEAD that no endpoint claimed: a file of the built UI, or the
 * UI's `index.html` for client-side paths (`/traces/abc`), so links can be shared and reloaded.
 */
export function uiHandler(options: UiHandlerOptions) {
  const files = options.dir === undefined ? undefined : new StaticFiles(options.dir);
  return async ({ request, response, url }: RouteContext): Promise<void> => {
    const { pathname } = url;
    const method = request.method ?? 'GET';
    if ((method !== 'GET' && method !== 'HEAD') || isServerPath(pathname))
      throw new HttpError(404, `no endpoint at ${pathname}`);
    if (pathname === '/' && prefersJson(request)) {
      sendJson(response, 200, options.describe());
      return;
    }
    if (!files || !isUiBuilt(options.dir)) {
      if (!CLIENT_ROUTES.has(pathname.split('/')[1] ?? ''))
        throw new HttpError(404, `no endpoint at ${pathname}`);
      sendBytes(
        response,
        pathname === '/' ? 200 : 404,
        'text/plain; charset=utf-8',
        Buffer.from(notBuiltMessage(options.dir)),
        { 'cache-control': 'no-cache' },
      );
      return;
    }
    if (pathname !== '/' && pathname !== '/index.html') {
      const file = await files.get(pathname);
      if (file) {
        const cache = pathname.startsWith(HASHED_ASSETS_PREFIX) ? IMMUTABLE : 'no-cache';
        send(request, response, file, cache, SECURITY_HEADERS);
        return;
      }
      // A missing asset is a 404, never the HTML page (a script tag would choke on it).
      if (!CLIENT_ROUTES.has(pathname.split('/')[1] ?? ''))
        throw new HttpError(404, `no endpoint or file at ${pathname}`);
    }
    const index = await files.get('/index.html');
    if (!index) throw new HttpError(404, 'the web UI is not built');
    send(request, response, index, 'no-cache', SECURITY_HEADERS);
  };
}
