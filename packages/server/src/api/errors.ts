/** `GET /api/errors` (failed calls grouped) and `GET /api/extent` (where the project's data lies). */
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import { MAX_LIMIT, type ReadContext } from './read-context';

export function errorsHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const params = new QueryParams(url.searchParams, ['from', 'to', 'model', 'service', 'limit']);
    const model = params.string('model', 200);
    const serviceName = params.string('service', 200);
    const results = await context.store.errors(project.id, {
      ...params.range(),
      ...(model ? { model } : {}),
      ...(serviceName ? { serviceName } : {}),
      limit: params.integer('limit', 100, 1, MAX_LIMIT),
    });
    sendJson(response, 200, { results });
  };
}

export function extentHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    new QueryParams(url.searchParams, []);
    sendJson(response, 200, await context.store.extent(project.id));
  };
}
