/** `GET /api/traces` (summaries, cursor pages) and `GET /api/traces/:id` (the event tree). */
import { HttpError, badRequest } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import type { TraceCursor } from '../store/event-store';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import { MAX_LIMIT, type ReadContext } from './read-context';
import { buildTraceTree } from './trace-tree';

/** Opaque to clients: base64url of "<start micros>:<trace id>". */
export function encodeCursor(cursor: TraceCursor): string {
  return Buffer.from(`${cursor.startMicros}:${cursor.traceId}`).toString('base64url');
}

export function decodeCursor(raw: string): TraceCursor {
  const match = /^(-?\d{1,20}):(.+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
  if (!match) throw badRequest('"cursor" is not a cursor this API returned');
  return { startMicros: BigInt(match[1]!), traceId: match[2]! };
}

export function tracesHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const params = new QueryParams(url.searchParams, [
      'from',
      'to',
      'distinct_id',
      'session_id',
      'search',
      'has_error',
      'service',
      'score_name',
      'limit',
      'cursor',
    ]);
    const distinctId = params.string('distinct_id');
    const sessionId = params.string('session_id');
    const search = params.string('search', 200);
    const hasError = params.boolean('has_error');
    const serviceName = params.string('service', 200);
    const scoreName = params.string('score_name', 200);
    const cursor = params.string('cursor');
    const page = await context.store.traces(project.id, {
      ...params.range(),
      ...(distinctId ? { distinctId } : {}),
      ...(sessionId ? { sessionId } : {}),
      ...(search ? { search } : {}),
      ...(hasError !== undefined ? { hasError } : {}),
      ...(serviceName ? { serviceName } : {}),
      ...(scoreName ? { scoreName } : {}),
      ...(cursor ? { cursor: decodeCursor(cursor) } : {}),
      limit: params.integer('limit', 50, 1, MAX_LIMIT),
    });
    sendJson(response, 200, {
      results: page.results,
      next_cursor: page.next ? encodeCursor(page.next) : null,
    });
  };
}

export function traceHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url, params: path }) => {
    const project = readerProject(request, context.projects);
    new QueryParams(url.searchParams, []);
    const traceId = path['id'] ?? '';
    if (!traceId || traceId.length > 200) throw badRequest('trace id missing or too long');
    const trace = await context.store.trace(project.id, traceId);
    if (!trace) throw new HttpError(404, `no trace ${traceId}`);
    sendJson(response, 200, {
      trace: trace.summary,
      events: buildTraceTree(trace.events),
      scores: trace.scores,
    });
  };
}
