/** `GET /api/dashboard`: totals, per model and per time bucket. */
import { badRequest } from '../http/http-error';
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import { DASHBOARD_BUCKETS, type DashboardBucket } from '../store/event-store';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import type { ReadContext } from './read-context';

const BUCKET_MS: Record<DashboardBucket, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};
const MAX_BUCKETS = 5000;

export function dashboardHandler(context: ReadContext): RouteHandler {
  return async ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    const params = new QueryParams(url.searchParams, [
      'from',
      'to',
      'bucket',
      'model',
      'provider',
      'service',
    ]);
    const range = params.range();
    const bucket = params.choice('bucket', DASHBOARD_BUCKETS, 'hour');
    if (
      range.from &&
      range.to &&
      (range.to.getTime() - range.from.getTime()) / BUCKET_MS[bucket] > MAX_BUCKETS
    )
      throw badRequest(
        `that range has more than ${MAX_BUCKETS} ${bucket} buckets: pick a larger "bucket"`,
      );
    const model = params.string('model', 200);
    const provider = params.string('provider', 200);
    const serviceName = params.string('service', 200);
    const dashboard = await context.store.dashboard(project.id, {
      ...range,
      bucket,
      ...(model ? { model } : {}),
      ...(provider ? { provider } : {}),
      ...(serviceName ? { serviceName } : {}),
    });
    sendJson(response, 200, dashboard);
  };
}
