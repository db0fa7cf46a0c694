import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error';

/** What a route handler gets: the raw request and response, the parsed URL and path params. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type RouteHandler = (context: RouteContext) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

function splitPath(path: string): string[] {
  // A trailing slash is optional everywhere (`/batch` and `/batch/` are one route).
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * A tiny method + path router: exact segments and `:name` params. A dozen routes do not
 * justify a dependency, and node:http gives us full control over bodies and errors.
 */
export class Router {
  private readonly routes: Route[] = [];
  private fallbackHandler: RouteHandler | undefined;

  add(method: string, path: string, handler: RouteHandler): this {
    this.routes.push({ method, segments: splitPath(path), handler });
    return this;
  }

  /** Where requests no route matches go (the web UI); it throws its own 404s. */
  fallback(handler: RouteHandler): this {
    this.fallbackHandler = handler;
    return this;
  }

  /**
   * The handler for a request; 405 (with `Allow`) for a known path, the fallback or a 404
   * for an unknown one.
   */
  resolve(
    method: string,
    pathname: string,
  ): { handler: RouteHandler; params: Record<string, string> } {
    const segments = splitPath(pathname);
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      allowed.add(route.method);
    }
    if (allowed.size)
      throw new HttpError(405, `method ${method} not allowed on ${pathname}`, {
        allow: [...allowed].join(', '),
      });
    if (this.fallbackHandler) return { handler: this.fallbackHandler, params: {} };
    throw new HttpError(404, `no endpoint at ${pathname}`);
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index]!;
    const value = actual[index]!;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(value);
      } catch {
        // A malformed escape can't name anything we store.
        return undefined;
      }
    } else if (expected !== value) return undefined;
  }
  return params;
}
