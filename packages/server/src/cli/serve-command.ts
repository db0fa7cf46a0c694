/** `llm-analytics serve`: flags, environment, persisted credentials, signals. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateCredentials } from '../credentials';
import { evaluationOptionsFromEnv } from '../evaluations/evaluation-env';
import {
  DEFAULT_DB_PATH,
  DEFAULT_HOST,
  DEFAULT_PORT,
  ServerStartError,
  startServer,
} from '../server';
import { StoreOpenError } from '../store/store-open-error';
import {
  describeStore,
  parseStoreUrl,
  StoreUrlError,
  type StoreLocation,
} from '../store/store-url';
import { isUiBuilt, UI_PACKAGE } from '../ui/ui-handler';
import { fail } from './fail';

export const SERVE_USAGE = `  llm-analytics serve [--host 127.0.0.1] [--port 8010] [--store URL | --db PATH] [--project-token T] [--read-key K]
                      [--grpc-port 4317]
      Run the ingestion server and read API; --grpc-port also receives OTLP/gRPC (off by default).
      --store: duckdb:PATH (the default, --db PATH),
      chdb:PATH (embedded ClickHouse, needs the chdb and @clickhouse/client packages) or
      clickhouse://user:password@host:8123/database (http(s):// too; needs @clickhouse/client).
      Environment: LLM_ANALYTICS_BIND_HOST, LLM_ANALYTICS_PORT, LLM_ANALYTICS_STORE,
      LLM_ANALYTICS_DB, LLM_ANALYTICS_PROJECT_TOKEN, LLM_ANALYTICS_READ_KEY, LLM_ANALYTICS_GRPC_PORT.`;

function parsePort(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) fail(`invalid port "${raw}": use 0-65535`);
  return Number(raw);
}

const nonEmpty = (value: string | undefined) =>
  value && value.trim() !== '' ? value.trim() : undefined;

function describeFsError(action: string, path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a file is in the way'
        : (error as Error).message;
  return `cannot ${action} ${path}: ${reason}`;
}

export async function serve(args: string[], usage: string): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        store: { type: 'string' },
        'project-token': { type: 'string' },
        'read-key': { type: 'string' },
        'grpc-port': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  const env = process.env;
  let evaluations: ReturnType<typeof evaluationOptionsFromEnv>;
  try {
    evaluations = evaluationOptionsFromEnv(env);
  } catch (error) {
    fail((error as Error).message);
  }
  const host = nonEmpty(values.host) ?? nonEmpty(env['LLM_ANALYTICS_BIND_HOST']) ?? DEFAULT_HOST;
  const portText = nonEmpty(values.port) ?? nonEmpty(env['LLM_ANALYTICS_PORT']);
  const port = portText === undefined ? DEFAULT_PORT : parsePort(portText);
  const grpcPortText = nonEmpty(values['grpc-port']) ?? nonEmpty(env['LLM_ANALYTICS_GRPC_PORT']);
  const grpcPort = grpcPortText === undefined ? undefined : parsePort(grpcPortText);
  if (nonEmpty(values.db) && nonEmpty(values.store))
    fail('give either --store or --db (--db PATH is short for --store duckdb:PATH)');
  let location: StoreLocation;
  try {
    const storeUrl = nonEmpty(values.store) ?? nonEmpty(env['LLM_ANALYTICS_STORE']);
    location =
      storeUrl !== undefined && nonEmpty(values.db) === undefined
        ? parseStoreUrl(storeUrl)
        : {
            kind: 'duckdb',
            path: nonEmpty(values.db) ?? nonEmpty(env['LLM_ANALYTICS_DB']) ?? DEFAULT_DB_PATH,
          };
  } catch (error) {
    if (error instanceof StoreUrlError) fail(error.message);
    throw error;
  }
  if (location.kind !== 'clickhouse') location = { ...location, path: resolve(location.path) };
  // Credentials live next to an embedded store; replicas of a ClickHouse server share theirs.
  const dbPath =
    location.kind === 'duckdb'
      ? location.path
      : location.kind === 'chdb'
        ? location.path
        : undefined;
  const explicitToken =
    nonEmpty(values['project-token']) ?? nonEmpty(env['LLM_ANALYTICS_PROJECT_TOKEN']);
  const explicitKey = nonEmpty(values['read-key']) ?? nonEmpty(env['LLM_ANALYTICS_READ_KEY']);

  let credentials: { projectToken: string; readKey: string };
  if (dbPath === undefined) {
    if (!explicitToken || !explicitKey)
      fail(
        'a clickhouse:// store is shared by every replica: give each the same --project-token and --read-key (or LLM_ANALYTICS_PROJECT_TOKEN and LLM_ANALYTICS_READ_KEY)',
      );
    credentials = { projectToken: explicitToken, readKey: explicitKey };
  } else {
    try {
      mkdirSync(dirname(dbPath), { recursive: true });
    } catch (error) {
      fail(describeFsError('create the data directory', dirname(dbPath), error));
    }
    try {
      credentials = loadOrCreateCredentials(dbPath, {
        ...(explicitToken ? { projectToken: explicitToken } : {}),
        ...(explicitKey ? { readKey: explicitKey } : {}),
      });
    } catch (error) {
      fail(
        (error as NodeJS.ErrnoException).code
          ? describeFsError('write credentials next to', dbPath, error)
          : (error as Error).message,
      );
    }
  }

  // Handlers go in before anything else: a signal that arrives while the server starts
  // must still shut it down cleanly, not kill the process mid-write.
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let stopping: string | undefined;
  const shutDown = (running: NonNullable<typeof server>) =>
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`llm-analytics: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`llm-analytics: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = signal;
    process.stderr.write(`llm-analytics: ${signal}: finishing in-flight requests\n`);
    if (server) void shutDown(server);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    server = await startServer({
      host,
      port,
      storeUrl: location,
      projectToken: credentials.projectToken,
      readKey: credentials.readKey,
      ...(grpcPort !== undefined ? { grpcPort } : {}),
      evaluations,
      log: (line) => process.stderr.write(`llm-analytics: ${line}\n`),
    });
  } catch (error) {
    if (error instanceof ServerStartError || error instanceof StoreOpenError) fail(error.message);
    fail(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }

  process.stdout.write(
    [
      `llm-analytics listening on ${server.url}`,
      `  web UI         ${isUiBuilt(server.uiDir) ? `${server.url}/   (sign in with the read key)` : `not built: pnpm --filter ${UI_PACKAGE} build`}`,
      `  store          ${describeStore(location)}`,
      `  evaluations    ${
        evaluations === false
          ? 'off (LLM_ANALYTICS_EVALUATIONS=off)'
          : evaluations.judge
            ? `on, judge API ${new URL(evaluations.judge.baseUrl).origin}`
            : 'on, code checks only (LLM judges wait for LLM_ANALYTICS_JUDGE_BASE_URL)'
      }`,
      `  project token  ${server.projectToken}   (write: OTLP and capture endpoints)`,
      `  read key       ${server.readKey}   (read: /api/*)`,
      `  send traces    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${server.url}/i/v0/ai/otel`,
      // Percent-encoded, as the OTel spec writes header values in this variable.
      `                 OTEL_EXPORTER_OTLP_TRACES_HEADERS="Authorization=Bearer%20${server.projectToken}"`,
      ...(server.grpcPort === undefined
        ? []
        : [
            `  OTLP/gRPC      OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=${server.url.replace(/:\d+$/, `:${server.grpcPort}`)}`,
            `                 OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer%20${server.projectToken}"`,
          ]),
      '',
    ].join('\n'),
  );
  if (stopping) void shutDown(server);
}
