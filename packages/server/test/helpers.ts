/** Shared test helpers: a server on a random port with a temp database, fixtures, HTTP calls. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { joinLogsToSpans, mapSpans, type AiEvent } from '@llm-analytics/core';
import { decodeLogs, decodeTraces } from '@llm-analytics/core/otlp';
import { createPricer } from '@llm-analytics/core/pricing';
import { afterAll, afterEach } from 'vitest';
import {
  openStore,
  startServer,
  type EventStore,
  type OpenStoreOptions,
  type RunningServer,
  type ServerOptions,
} from '../src';

export const FIXTURES = join(
  import.meta.dirname,
  '..',
  '..',
  'core',
  'test',
  'fixtures',
  'otel-openai',
);

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh temp directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-analytics-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A free loopback port (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The store every server test runs against: the vitest projects run this directory once per
 * store (`LLM_ANALYTICS_TEST_STORE=duckdb|chdb`), so a new test covers both without asking.
 */
export const TEST_STORE: 'duckdb' | 'chdb' =
  process.env['LLM_ANALYTICS_TEST_STORE'] === 'chdb' ? 'chdb' : 'duckdb';

// chDB opens one data directory per process: the tests of a file share one, a database each.
let chdbDir: string | undefined;
let databases = 0;
afterAll(() => {
  if (chdbDir) rmSync(chdbDir, { recursive: true, force: true });
});

/** A fresh, empty store URL of the kind under test (a DuckDB file, or a chDB database). */
export function testStoreUrl(): string {
  if (TEST_STORE === 'duckdb') return `duckdb:${join(tempDir(), 'test.duckdb')}`;
  chdbDir ??= mkdtempSync(join(tmpdir(), 'llm-analytics-chdb-'));
  return `chdb:${chdbDir}?database=test_${process.pid}_${++databases}`;
}

/** Open a fresh store of the kind under test; closed after the test. */
export async function testStore(options: OpenStoreOptions = {}): Promise<EventStore> {
  const store = await openStore(testStoreUrl(), options);
  cleanups.push(() => store.close());
  return store;
}

/** Start a server on port 0 with a fresh store; closed after the test. */
export async function testServer(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, storeUrl: testStoreUrl(), ...options });
  cleanups.push(() => server.close());
  return server;
}

export interface PostOptions {
  token?: string | null;
  contentType?: string;
  gzip?: boolean;
  headers?: Record<string, string>;
}

/** POST a body; `token: null` sends no Authorization header. */
export async function post(
  url: string,
  body: Uint8Array | string,
  options: PostOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.contentType) headers['content-type'] = options.contentType;
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let payload: Uint8Array | string = body;
  if (options.gzip) {
    payload = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  return fetch(url, { method: 'POST', headers, body: payload });
}

export function postTraces(
  server: RunningServer,
  body: Uint8Array | string,
  format: 'pb' | 'json',
  options: PostOptions = {},
) {
  return post(`${server.url}/i/v0/ai/otel`, body, {
    token: server.projectToken,
    contentType: format === 'pb' ? 'application/x-protobuf' : 'application/json',
    ...options,
  });
}

export function postLogs(
  server: RunningServer,
  body: Uint8Array | string,
  format: 'pb' | 'json',
  options: PostOptions = {},
) {
  return post(`${server.url}/i/v0/ai/otel/v1/logs`, body, {
    token: server.projectToken,
    contentType: format === 'pb' ? 'application/x-protobuf' : 'application/json',
    ...options,
  });
}

/** GET a read-API path with the server's read key (or another key) and parse the JSON. */
export async function read<T = Record<string, unknown>>(
  server: RunningServer,
  path: string,
  key: string | null = server.readKey,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function readEvents(server: RunningServer, query = 'limit=1000'): Promise<AiEvent[]> {
  const { status, body } = await read<{ results: AiEvent[] }>(server, `/api/events?${query}`);
  if (status !== 200) throw new Error(`GET /api/events: ${status} ${JSON.stringify(body)}`);
  return body.results;
}

/** What the core pipeline (what the SDK sends) makes of a fixture scenario. */
export function expectedEvents(
  scenario: string,
  format: 'pb' | 'json' = 'pb',
  withLogs = true,
): AiEvent[] {
  const type = format === 'pb' ? 'protobuf' : 'json';
  const load = (kind: string) => {
    const bytes = fixture(`${scenario}.${kind}.${format}`);
    return format === 'pb' ? new Uint8Array(bytes) : bytes.toString('utf8');
  };
  let spans = decodeTraces(load('traces'), type).spans;
  if (withLogs) {
    try {
      spans = joinLogsToSpans(spans, decodeLogs(load('logs'), type).logs).spans;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return mapSpans(spans, { price: createPricer() }).events;
}

/** Events by uuid, to compare regardless of order. */
export function byUuid(events: readonly AiEvent[]): Record<string, AiEvent> {
  return Object.fromEntries(events.map((event) => [event.uuid, event]));
}
