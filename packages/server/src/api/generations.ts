/** `GET /api/generations`: model calls with filters, sorting and offset pages. */
import { badRequest } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import { GENERATION_SORTS } from '../store/event-store';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import { MAX_LIMIT, type ReadContext } from './read-context';

export function generationsHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const params = new QueryParams(url.searchParams, [
      'from',
      'to',
      'model',
      'provider',
      'distinct_id',
      'session_id',
      'trace_id',
      'service',
      'is_error',
      'search',
      'score',
      'score_label',
      'sort',
      'order',
      'limit',
      'offset',
    ]);
    // `score=<name>` keeps the generations a score (an evaluation, a metric, feedback) of that
    // name is about; `score_label` narrows them to one result (pass, fail, n/a or a category).
    const scoreName = params.string('score', 200);
    const scoreLabel = params.string('score_label', 200);
    if (scoreLabel !== undefined && scoreName === undefined)
      throw badRequest('score_label needs score (the score or evaluation name)');
    const score =
      scoreName === undefined
        ? undefined
        : { name: scoreName, ...(scoreLabel === undefined ? {} : { label: scoreLabel }) };
    const optional = {
      model: params.string('model', 200),
      provider: params.string('provider', 200),
      distinctId: params.string('distinct_id'),
      sessionId: params.string('session_id'),
      traceId: params.string('trace_id', 200),
      serviceName: params.string('service', 200),
      isError: params.boolean('is_error'),
      search: params.string('search', 200),
      score,
    };
    const limit = params.integer('limit', 50, 1, MAX_LIMIT);
    const offset = params.integer('offset', 0, 0, 1_000_000);
    const results = await context.store.generations(project.id, {
      ...params.range(),
      ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
      sort: params.choice('sort', GENERATION_SORTS, 'timestamp'),
      order: params.choice('order', ['asc', 'desc'] as const, 'desc'),
      limit,
      offset,
    });
    sendJson(response, 200, {
      results,
      next_offset: results.length === limit ? offset + limit : null,
    });
  };
}
