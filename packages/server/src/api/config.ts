/**
 * `GET /api/config`: what the UI's empty state needs to show a working setup snippet (the
 * project token and the ingestion paths). Behind the read key like the rest of `/api`: the
 * token is never shown to someone who cannot already read the project.
 */
import { sendJson } from '../http/respond';
import type { RouteHandler } from '../http/router';
import { QueryParams } from './query-params';
import { readerProject } from './read-auth';
import type { ReadContext } from './read-context';

export interface IngestPaths {
  otlpTraces: string;
  otlpLogs: string;
  capture: string;
}

export function configHandler(context: ReadContext, paths: IngestPaths): RouteHandler {
  return ({ request, response, url }) => {
    const project = readerProject(request, context.projects);
    new QueryParams(url.searchParams, []);
    sendJson(
      response,
      200,
      {
        project_id: project.id,
        project_token: project.token,
        ingest: {
          otlp_traces: paths.otlpTraces,
          otlp_logs: paths.otlpLogs,
          capture: paths.capture,
        },
      },
      { 'cache-control': 'no-store' },
    );
  };
}
