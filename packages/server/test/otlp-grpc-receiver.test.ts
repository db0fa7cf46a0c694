/**
 * The OTLP/gRPC receiver through a plain grpc-js client sending raw request bytes: what it
 * stores, its partial-success answers and its status codes.
 */
import { connect } from 'node:http2';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ExportTraceServiceResponseType } from '@llm-analytics/core/otlp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DuckDBStore, type RunningServer } from '../src';
import type { EventStore } from '../src/store/event-store';
import {
  byUuid,
  expectedEvents,
  fixture,
  freePort,
  readEvents,
  tempDir,
  testServer,
} from './helpers';

const TRACES = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const LOGS = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

const clients: Client[] = [];
afterEach(() => {
  while (clients.length) clients.pop()!.close();
});

function client(port: number): Client {
  const created = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  clients.push(created);
  return created;
}

interface Answer {
  error: ServiceError | null;
  response: Buffer | undefined;
}

/** One unary call with raw bytes; `authorization: null` sends no metadata. */
function call(
  target: Client,
  method: string,
  body: Uint8Array,
  authorization: string | null,
): Promise<Answer> {
  const metadata = new Metadata();
  if (authorization !== null) metadata.set('authorization', authorization);
  return new Promise((resolve) =>
    target.makeUnaryRequest(
      method,
      (bytes: Buffer) => bytes,
      (bytes: Buffer) => bytes,
      Buffer.from(body),
      metadata,
      { deadline: Date.now() + 20_000 },
      (error, response) => resolve({ error, response }),
    ),
  );
}

const bearer = (server: RunningServer) => `Bearer ${server.projectToken}`;

/** A real store with some methods replaced. */
function storeWith(real: DuckDBStore, overrides: Partial<EventStore>): EventStore {
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key in overrides) return overrides[key as keyof EventStore];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  }) as EventStore;
}

describe('OTLP/gRPC receiver', () => {
  it('stores exactly what the core pipeline maps, content logs joined', async () => {
    const server = await testServer({ grpcPort: 0 });
    const grpc = client(server.grpcPort!);
    const expected = [];
    for (const scenario of ['chat', 'chat-stream-tools', 'tools-two-turns']) {
      const logs = await call(grpc, LOGS, fixture(`${scenario}.logs.pb`), bearer(server));
      expect(logs.error).toBeNull();
      const traces = await call(grpc, TRACES, fixture(`${scenario}.traces.pb`), bearer(server));
      expect(traces.error).toBeNull();
      expected.push(...expectedEvents(scenario, 'pb', true));
    }
    expect(byUuid(await readEvents(server))).toEqual(byUuid(expected));
  });

  it('answers with the same partial success as OTLP/HTTP, byte for byte', async () => {
    const server = await testServer({ grpcPort: 0 });
    const grpc = client(server.grpcPort!);
    const traces = await call(grpc, TRACES, fixture('mixed-http-db.traces.pb'), bearer(server));
    expect(traces.error).toBeNull();
    expect(
      ExportTraceServiceResponseType.toObject(
        ExportTraceServiceResponseType.decode(traces.response!),
        { longs: Number },
      ),
    ).toEqual({
      partialSuccess: {
        rejectedSpans: 0,
        errorMessage: '2 non-AI spans dropped (only AI spans are stored)',
      },
    });

    const http = await fetch(`${server.url}/i/v0/ai/otel`, {
      method: 'POST',
      headers: { authorization: bearer(server), 'content-type': 'application/x-protobuf' },
      body: fixture('mixed-http-db.traces.pb'),
    });
    // The same bytes as the OTLP/HTTP answer.
    expect(Buffer.from(await http.arrayBuffer())).toEqual(traces.response);
  });

  it('a malformed message is INVALID_ARGUMENT with the decoder reason; the server keeps serving', async () => {
    const server = await testServer({ grpcPort: 0 });
    const grpc = client(server.grpcPort!);
    const truncated = fixture('chat.traces.pb').subarray(0, 40);
    const traces = await call(grpc, TRACES, truncated, bearer(server));
    expect(traces.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(traces.error?.details).toMatch(/^malformed OTLP traces request: /);
    const logs = await call(grpc, LOGS, Buffer.from([0x0a, 0xff, 0xff]), bearer(server));
    expect(logs.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(logs.error?.details).toMatch(/^malformed OTLP logs request: /);
    const good = await call(grpc, TRACES, fixture('chat.traces.pb'), bearer(server));
    expect(good.error).toBeNull();
    expect(await readEvents(server)).toHaveLength(1);
  });

  it('missing, malformed or unknown authorization metadata is UNAUTHENTICATED', async () => {
    const server = await testServer({ grpcPort: 0 });
    const grpc = client(server.grpcPort!);
    const body = fixture('chat.traces.pb');
    for (const [authorization, details] of [
      [
        null,
        'missing project token: send the gRPC metadata "authorization: Bearer <project token>"',
      ],
      [
        `Basic ${server.projectToken}`,
        'missing project token: send the gRPC metadata "authorization: Bearer <project token>"',
      ],
      ['Bearer phc_unknown', 'unknown project token'],
      [`Bearer ${server.readKey}`, 'unknown project token'],
    ] as const) {
      const answer = await call(grpc, TRACES, body, authorization);
      expect(answer.error?.code).toBe(status.UNAUTHENTICATED);
      expect(answer.error?.details).toBe(details);
    }
    expect(await readEvents(server)).toEqual([]);
  });

  it('a store that cannot write answers UNAVAILABLE, so exporters retry', async () => {
    const real = await DuckDBStore.open(join(tempDir(), 'failing.duckdb'));
    const failing = storeWith(real, { write: () => Promise.reject(new Error('disk full')) });
    const lines: string[] = [];
    const server = await testServer({
      grpcPort: 0,
      store: failing,
      log: (line) => lines.push(line),
    });
    const answer = await call(
      client(server.grpcPort!),
      TRACES,
      fixture('chat.traces.pb'),
      bearer(server),
    );
    expect(answer.error?.code).toBe(status.UNAVAILABLE);
    expect(answer.error?.details).toBe('the event store could not write the data; retry later');
    expect(lines).toEqual(['store write failed: disk full']);
  });

  it('while shutting down, a call in flight completes and a new one is UNAVAILABLE', async () => {
    const dbPath = join(tempDir(), 'slow.duckdb');
    const real = await DuckDBStore.open(dbPath);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = storeWith(real, {
      write: async (batch) => {
        await gate;
        return real.write(batch);
      },
    });
    const server = await testServer({ grpcPort: 0, store: slow });
    const grpc = client(server.grpcPort!);
    const inFlight = call(grpc, TRACES, fixture('chat.traces.pb'), bearer(server));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = server.close();
    const late = await call(grpc, TRACES, fixture('embeddings.traces.pb'), bearer(server));
    expect(late.error?.code).toBe(status.UNAVAILABLE);
    release();
    expect((await inFlight).error).toBeNull();
    await closing;
    // The in-flight call was written before the store closed.
    const reopened = await DuckDBStore.open(dbPath);
    try {
      expect(await reopened.events('default', { limit: 10 })).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });

  it('a connection that never finishes its HTTP/2 preface is closed after requestTimeoutMs', async () => {
    const server = await testServer({
      grpcPort: 0,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    const socket = createConnection(server.grpcPort!, '127.0.0.1');
    socket.on('error', () => undefined);
    // Read what the server sends (its SETTINGS, then a GOAWAY), so the close can be seen.
    socket.resume();
    socket.write('PRI * HTTP/2.0\r\n');
    const started = Date.now();
    await new Promise((resolve) => socket.once('close', resolve));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(5000);
  });

  it('a call whose message stalls half-way ends with DEADLINE_EXCEEDED after requestTimeoutMs', async () => {
    const server = await testServer({
      grpcPort: 0,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    const session = connect(`http://127.0.0.1:${server.grpcPort}`);
    session.on('error', () => undefined);
    try {
      const stream = session.request({
        ':method': 'POST',
        ':path': TRACES,
        'content-type': 'application/grpc',
        te: 'trailers',
        authorization: bearer(server),
      });
      const trailers = new Promise<Record<string, unknown>>((resolve) => {
        stream.on('trailers', resolve);
        // A trailers-only answer comes as headers.
        stream.on('response', (headers) => {
          if (headers['grpc-status'] !== undefined) resolve(headers);
        });
      });
      stream.on('error', () => undefined);
      stream.resume();
      // A length prefix for 1,000 bytes, then only 10 of them; the stream stays open.
      const prefix = Buffer.from([0, 0, 0, 0x03, 0xe8]);
      stream.write(Buffer.concat([prefix, Buffer.alloc(10)]));
      const started = Date.now();
      const answer = await trailers;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(answer['grpc-status']).toBe(String(status.DEADLINE_EXCEEDED));
      expect(decodeURIComponent(String(answer['grpc-message']))).toBe(
        'the request did not arrive within 1000 ms',
      );
    } finally {
      session.destroy();
    }
  });

  it('gRPC is off unless asked: grpcPort is undefined', async () => {
    const server = await testServer();
    expect(server.grpcPort).toBeUndefined();
  });

  it('a busy gRPC port fails the start with one clear line, and the HTTP port is released', async () => {
    const first = await testServer({ grpcPort: 0 });
    // grpc-js logs through console.error.
    const consoleError = vi.spyOn(console, 'error');
    const port = await freePort();
    await expect(
      testServer({ port, grpcPort: first.grpcPort!, dbPath: join(tempDir(), 'second.duckdb') }),
    ).rejects.toThrow(
      `port ${first.grpcPort} on 127.0.0.1 is already in use (choose another with --grpc-port)`,
    );
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    // The HTTP port it had bound is free again.
    const again = await testServer({ port, dbPath: join(tempDir(), 'third.duckdb') });
    expect(again.port).toBe(port);
  });
});

describe('HTTP/2 on the HTTP port', () => {
  it('a grpc-js client gets UNIMPLEMENTED saying how to turn gRPC on; HTTP/1.1 keeps working', async () => {
    const lines: string[] = [];
    const server = await testServer({ log: (line) => lines.push(line) });
    const answer = await call(
      client(server.port),
      TRACES,
      fixture('chat.traces.pb'),
      bearer(server),
    );
    const advice = `this is llm-analytics' OTLP/HTTP port and OTLP/gRPC is off: start serve with --grpc-port 4317 (or LLM_ANALYTICS_GRPC_PORT), or send OTLP/HTTP to ${server.url}/i/v0/ai/otel (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf)`;
    expect(answer.error?.code).toBe(status.UNIMPLEMENTED);
    expect(answer.error?.details).toBe(advice);
    expect(lines).toEqual([
      `an HTTP/2 (gRPC?) client from 127.0.0.1 connected to the HTTP port: ${advice}`,
    ]);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await readEvents(server)).toEqual([]);
  });

  it('a plain HTTP/2 request gets a 505 with the same advice', async () => {
    const server = await testServer();
    const session = connect(server.url);
    try {
      const { statusCode, body } = await new Promise<{ statusCode: number; body: string }>(
        (resolve, reject) => {
          const stream = session.request({ ':method': 'GET', ':path': '/healthz' });
          let statusCode = 0;
          let body = '';
          stream.on('response', (headers) => (statusCode = Number(headers[':status'])));
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => (body += chunk));
          stream.on('end', () => resolve({ statusCode, body }));
          stream.on('error', reject);
          stream.end();
        },
      );
      expect(statusCode).toBe(505);
      expect(body).toMatch(/^this is llm-analytics' OTLP\/HTTP port and OTLP\/gRPC is off: /);
    } finally {
      session.destroy();
    }
  });

  it('closing the server cuts an HTTP/2 connection it adopted', async () => {
    const server = await testServer();
    const session = connect(server.url);
    const closed = new Promise((resolve) => session.once('close', resolve));
    session.on('error', () => undefined);
    await new Promise((resolve) => session.once('remoteSettings', resolve));
    await server.close();
    await closed;
    expect(session.destroyed).toBe(true);
  });
});
