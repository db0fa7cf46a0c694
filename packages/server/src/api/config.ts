/**
 * `GET /api/config`: what the UI's empty state needs to show a working setup snippet (the
 * project token, the ingestion paths and the OTLP/gRPC port when it is on). Behind the read key like the rest of `/api`: the
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
  /** The OTLP/gRPC port once it listens; `undefined` while gRPC is off. */
  otlpGrpcPort: () => number | undefined;
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
          otlp_grpc_port: paths.otlpGrpcPort() ?? null,
        },
      },
      { 'cache-control': 'no-store' },
    );
  };
}
