/** `startServer`: the ingestion endpoints, the store and the read API in one process. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createPricer } from '@llm-analytics/core/pricing';
import { generateProjectToken, generateReadKey } from './credentials';
import { EvaluationWorker } from './evaluations/evaluation-worker';
import type { OtlpGrpcReceiver } from './grpc/otlp-grpc-receiver';
import { drainRequest } from './http/drain-request';
import { HttpError } from './http/http-error';
import { Http2OnHttpPort, type ClientParseError } from './http/http2-on-http-port';
import { applyIngestionCors } from './http/cors';
import { ClientAbortedError, DEFAULT_MAX_BODY_BYTES } from './http/read-body';
import { sendJson } from './http/respond';
import type { IngestContext } from './ingest/ingest-context';
import { LogJoiner, type MapSpans } from './ingest/log-join';
import { sendOtlpError } from './ingest/otlp-format';
import { Projects } from './projects';
import { OTLP_TRACES_PATH, buildRouter } from './routes';
import { openStore } from './store/open-store';
import type { EventStore } from './store/event-store';
import type { RunningServer, ServerOptions } from './types';
import { defaultUiDir } from './ui/ui-handler';
import { createServerMapper } from './server-mapper';

export const DEFAULT_PORT = 8010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DB_PATH = '.data/llm-analytics.duckdb';
/** A client must have sent its request headers within this long… */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** …and its whole request within this long (an SDK gives up after 10 s by default). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Listening failed (busy port, bad host): the message is one line for the CLI. */
export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';
}

function listen(server: NetServer, port: number, host: string, flag = '--port'): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE')
        reject(
          new ServerStartError(
            `port ${port} on ${host} is already in use (choose another with ${flag})`,
          ),
        );
      else if (error.code === 'EACCES')
        reject(
          new ServerStartError(
            `not allowed to listen on ${host}:${port} (ports below 1024 need privileges)`,
          ),
        );
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new ServerStartError(`cannot listen on ${host}: no such local address`));
      else reject(new ServerStartError(`cannot listen on ${host}:${port}: ${error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function isOtlpPath(pathname: string): boolean {
  return pathname.startsWith('/i/v0/ai/otel') || pathname.startsWith('/v1/');
}

async function startGrpc(
  context: IngestContext,
  host: string,
  port: number,
  requestTimeoutMs: number,
): Promise<OtlpGrpcReceiver> {
  // A busy or forbidden port gets the same one-line error as --port; grpc-js would only say
  // "No address added" (and log it on stderr).
  if (port !== 0) {
    const probe = createNetServer();
    await listen(probe, port, host, '--grpc-port');
    await new Promise((resolve) => probe.close(resolve));
  }
  try {
    // Loaded only when asked for: grpc-js takes about 100 ms to load.
    const { OtlpGrpcReceiver } = await import('./grpc/otlp-grpc-receiver');
    return await OtlpGrpcReceiver.start(context, { host, port, requestTimeoutMs });
  } catch (error) {
    throw new ServerStartError(
      `cannot listen for OTLP/gRPC on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Start the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? (() => undefined);
  const projects = new Projects(
    options.projects ?? [
      {
        id: 'default',
        token: options.projectToken ?? generateProjectToken(),
        readKey: options.readKey ?? generateReadKey(),
      },
    ],
  );
  const store: EventStore =
    options.store ??
    (await openStore(
      options.storeUrl ?? { kind: 'duckdb', path: options.dbPath ?? DEFAULT_DB_PATH },
      {
        ...(options.writeBatchSize !== undefined ? { writeBatchSize: options.writeBatchSize } : {}),
        ...(options.writeDelayMs !== undefined ? { writeDelayMs: options.writeDelayMs } : {}),
      },
    ));
  const price = createPricer(options.pricing);
  const mapper = createServerMapper({ ...options, price });
  const map: MapSpans = (spans) => mapper.map(spans);
  const joiner = new LogJoiner(store, map, options.logJoin, log);
  const context: IngestContext = {
    projects,
    store,
    joiner,
    map,
    price,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    log,
  };
  try {
    await joiner.load();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  const uiDir = options.uiDir ?? defaultUiDir();
  const evaluationWorker =
    options.evaluations === false
      ? undefined
      : new EvaluationWorker({ store, price, log }, options.evaluations ?? {});
  let grpc: OtlpGrpcReceiver | undefined;
  const router = buildRouter(context, {
    uiDir,
    grpcPort: () => grpc?.port,
    ...(evaluationWorker ? { evaluationWorker } : {}),
  });
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    let pathname = '/';
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      pathname = url.pathname;
      if (applyIngestionCors(request, response, pathname)) return;
      const { handler, params } = router.resolve(request.method ?? 'GET', url.pathname);
      await handler({ request, response, url, params });
    } catch (error) {
      if (error instanceof ClientAbortedError) {
        response.destroy();
        return;
      }
      let status = 500;
      let message = 'internal server error';
      let headers: Record<string, string> = {};
      if (error instanceof HttpError) ({ status, message, headers } = error);
      else
        log(
          `internal error on ${request.method} ${pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      if (isOtlpPath(pathname)) sendOtlpError(request, response, status, message, headers);
      else sendJson(response, status, { error: message }, headers);
      // Answered before the body was read (413 on content-length, 401, 415): read the rest.
      drainRequest(request);
    }
  };

  // Slow or stalled clients (slowloris) are cut off instead of holding a connection: node's
  // defaults (60 s for headers, 5 min per request, checked every 30 s) are far longer than
  // any SDK waits for an answer.
  const timeouts = {
    headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: 1000,
  };
  const server = createServer(timeouts, (request, response) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    // A handler bug must never take the process down.
    handle(request, response).catch((error: unknown) => {
      log(`unhandled: ${String(error)}`);
      response.destroy();
    });
  });
  let advice = '';
  const http2OnHttpPort = new Http2OnHttpPort(() => advice, log);
  server.on('clientError', (error: ClientParseError, socket) => {
    if (http2OnHttpPort.adopt(error, socket)) return;
    if (!socket.writable) socket.destroy();
    else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
      socket.end('HTTP/1.1 408 Request Timeout\r\nconnection: close\r\n\r\n');
    else socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });

  const host = options.host ?? DEFAULT_HOST;
  try {
    await listen(server, options.port ?? DEFAULT_PORT, host);
    if (options.grpcPort !== undefined)
      grpc = await startGrpc(context, host, options.grpcPort, timeouts.requestTimeout);
  } catch (error) {
    if (server.listening) await new Promise((resolve) => server.close(resolve));
    await store.close().catch(() => undefined);
    throw error;
  }
  const sweepEvery = Math.max(250, Math.min(5000, joiner.windowMs / 4));
  const sweeper = setInterval(() => {
    joiner.sweep().catch((error: unknown) => log(`join-state sweep failed: ${String(error)}`));
  }, sweepEvery);
  sweeper.unref();
  evaluationWorker?.start();

  const address = server.address();
  const port =
    typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_PORT);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  advice = grpc
    ? `this is llm-analytics' OTLP/HTTP port: send OTLP/gRPC to port ${grpc.port}, or OTLP/HTTP to ${url}${OTLP_TRACES_PATH}`
    : `this is llm-analytics' OTLP/HTTP port and OTLP/gRPC is off: start serve with --grpc-port 4317 (or LLM_ANALYTICS_GRPC_PORT), or send OTLP/HTTP to ${url}${OTLP_TRACES_PATH} (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf)`;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweeper);
      await evaluationWorker?.close();
      const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      http2OnHttpPort.close();
      const grpcStopped = grpc?.close(shutdownTimeoutMs);
      if (inFlight > 0) {
        // Finish what is in flight, within a bound; then cut the rest.
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, shutdownTimeoutMs).unref();
        });
      }
      server.closeAllConnections();
      await Promise.all([stopped, grpcStopped]);
      await store.close();
    })();
    return closing;
  };

  const first = projects.list[0]!;
  return {
    url,
    port,
    grpcPort: grpc?.port,
    host,
    projectToken: first.token,
    readKey: first.readKey,
    projects: projects.list,
    store,
    evaluationWorker,
    uiDir,
    close,
  };
}
