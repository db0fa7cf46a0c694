/** `GET /api/events`: stored events in the shape `convert` prints. */
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import { MAX_LIMIT, type ReadContext } from './read-context';

export function eventsHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const params = new QueryParams(url.searchParams, [
      'event',
      'trace_id',
      'distinct_id',
      'from',
      'to',
      'limit',
    ]);
    const event = params.string('event', 200);
    const traceId = params.string('trace_id', 200);
    const distinctId = params.string('distinct_id');
    const results = await context.store.events(project.id, {
      ...params.range(),
      ...(event ? { event } : {}),
      ...(traceId ? { traceId } : {}),
      ...(distinctId ? { distinctId } : {}),
      limit: params.integer('limit', 100, 1, MAX_LIMIT),
    });
    sendJson(response, 200, { results });
  };
}
