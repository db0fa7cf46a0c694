/** `GET /api/sessions` and `GET /api/users`: usage grouped by session or by person. */
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import type { ListQuery } from '../store/event-store';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import { MAX_LIMIT, type ReadContext } from './read-context';

function listQuery(params: QueryParams): ListQuery {
  const distinctId = params.string('distinct_id');
  const anonymous = params.boolean('anonymous');
  const search = params.string('search', 200);
  return {
    ...params.range(),
    ...(distinctId ? { distinctId } : {}),
    ...(search ? { search } : {}),
    ...(anonymous !== undefined ? { anonymous } : {}),
    limit: params.integer('limit', 50, 1, MAX_LIMIT),
    offset: params.integer('offset', 0, 0, 1_000_000),
  };
}

const LIST_PARAMS = ['from', 'to', 'distinct_id', 'search', 'limit', 'offset'];

function page<T>(results: T[], query: ListQuery) {
  return {
    results,
    next_offset: results.length === query.limit ? query.offset + query.limit : null,
  };
}

export function sessionsHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const query = listQuery(new QueryParams(url.searchParams, LIST_PARAMS));
    sendJson(response, 200, page(await context.store.sessions(project.id, query), query));
  };
}

export function usersHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const query = listQuery(new QueryParams(url.searchParams, [...LIST_PARAMS, 'anonymous']));
    sendJson(response, 200, page(await context.store.users(project.id, query), query));
  };
}
