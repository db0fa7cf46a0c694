/** Every endpoint of the server, in one table. */
import { configHandler } from './api/config';
import { dashboardHandler } from './api/dashboard';
import { errorsHandler, extentHandler } from './api/errors';
import { eventsHandler } from './api/events';
import { generationsHandler } from './api/generations';
import { sessionsHandler, usersHandler } from './api/people';
import { traceHandler, tracesHandler } from './api/traces';
import type { EvaluationWorker } from './evaluations/evaluation-worker';
import { evaluatorsApi } from './evaluations/evaluators-api';
import { HttpError } from './http/http-error';
import { sendJson } from './http/respond';
import { Router, type RouteHandler } from './http/router';
import { captureHandler } from './ingest/capture';
import type { IngestContext } from './ingest/ingest-context';
import { otlpLogsHandler } from './ingest/otlp-logs';
import { otlpTracesHandler } from './ingest/otlp-traces';
import { uiHandler } from './ui/ui-handler';

export const OTLP_TRACES_PATH = '/i/v0/ai/otel';
export const OTLP_LOGS_PATH = '/i/v0/ai/otel/v1/logs';
export const CAPTURE_PATHS = ['/batch/', '/i/v0/e/', '/capture/', '/e/'];

/** The general OTLP paths are not ours: say which endpoint to use instead. */
const wrongOtlpPath =
  (signal: 'traces' | 'logs'): RouteHandler =>
  () => {
    throw new HttpError(
      404,
      signal === 'traces'
        ? `no OTLP endpoint here: traces go to ${OTLP_TRACES_PATH} (set OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<server>${OTLP_TRACES_PATH}, not OTEL_EXPORTER_OTLP_ENDPOINT)`
        : `no OTLP endpoint here: logs go to ${OTLP_LOGS_PATH} (set OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=<server>${OTLP_LOGS_PATH})`,
    );
  };

const API_PATHS = [
  '/api/events',
  '/api/traces',
  '/api/traces/:id',
  '/api/generations',
  '/api/sessions',
  '/api/users',
  '/api/dashboard',
  '/api/errors',
  '/api/extent',
  '/api/config',
  '/api/evaluators',
  '/api/evaluators/:id',
  '/api/evaluators/:id/run',
  '/api/evaluations',
];

export interface RouterOptions {
  /** Built web UI directory; `undefined` when the UI package is not installed. */
  uiDir: string | undefined;
  /** The OTLP/gRPC port, known once it listens (`undefined` while gRPC is off). */
  grpcPort?: () => number | undefined;
  /** The evaluation worker, when it runs in this process (trial runs need it). */
  evaluationWorker?: EvaluationWorker;
}

export function buildRouter(context: IngestContext, options: RouterOptions): Router {
  const router = new Router();
  const traces = otlpTracesHandler(context);
  router.add('POST', OTLP_TRACES_PATH, traces);
  // Where OTEL_EXPORTER_OTLP_ENDPOINT=<server>/i/v0/ai/otel sends traces: accepted as well.
  router.add('POST', `${OTLP_TRACES_PATH}/v1/traces`, traces);
  router.add('POST', OTLP_LOGS_PATH, otlpLogsHandler(context));
  router.add('POST', '/v1/traces', wrongOtlpPath('traces'));
  router.add('POST', '/v1/logs', wrongOtlpPath('logs'));
  const capture = captureHandler(context);
  for (const path of CAPTURE_PATHS) router.add('POST', path, capture);

  router.add('GET', '/api/events', eventsHandler(context));
  router.add('GET', '/api/traces', tracesHandler(context));
  router.add('GET', '/api/traces/:id', traceHandler(context));
  router.add('GET', '/api/generations', generationsHandler(context));
  router.add('GET', '/api/sessions', sessionsHandler(context));
  router.add('GET', '/api/users', usersHandler(context));
  router.add('GET', '/api/dashboard', dashboardHandler(context));
  router.add('GET', '/api/errors', errorsHandler(context));
  router.add('GET', '/api/extent', extentHandler(context));

  const evaluators = evaluatorsApi({ ...context, worker: options.evaluationWorker });
  router.add('GET', '/api/evaluators', evaluators['list']!);
  router.add('POST', '/api/evaluators', evaluators['create']!);
  router.add('GET', '/api/evaluators/:id', evaluators['get']!);
  router.add('PUT', '/api/evaluators/:id', evaluators['replace']!);
  router.add('DELETE', '/api/evaluators/:id', evaluators['remove']!);
  router.add('POST', '/api/evaluators/:id/run', evaluators['run']!);
  router.add('GET', '/api/evaluations', evaluators['results']!);

  router.add(
    'GET',
    '/api/config',
    configHandler(context, {
      otlpTraces: OTLP_TRACES_PATH,
      otlpLogs: OTLP_LOGS_PATH,
      capture: CAPTURE_PATHS[0]!,
      otlpGrpcPort: () => options.grpcPort?.(),
    }),
  );

  router.add('GET', '/healthz', ({ response }) => sendJson(response, 200, { status: 'ok' }));
  // The web UI at `/` and, through the fallback, at every client-side path. Clients that ask
  // for JSON at `/` still get the endpoint list.
  const ui = uiHandler({
    dir: options.uiDir,
    describe: () => ({
      name: 'llm-analytics',
      ingest: { otlpTraces: OTLP_TRACES_PATH, otlpLogs: OTLP_LOGS_PATH, capture: CAPTURE_PATHS },
      api: API_PATHS,
    }),
  });
  router.add('GET', '/', ui);
  router.add('HEAD', '/', ui);
  router.fallback(ui);
  return router;
}
