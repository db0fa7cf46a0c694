/**
 * The real OTLP/gRPC exporters (`@opentelemetry/exporter-trace-otlp-grpc`,
 * `@opentelemetry/exporter-logs-otlp-grpc`) in a child process configured only by the
 * standard environment variables, against a running server; assertions go through the read API.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../src';
import { read, readEvents, testServer } from './helpers';

const APP = join(import.meta.dirname, 'grpc-exporter-app.mjs');

interface ExportResult {
  code: number;
  error?: string;
}
interface AppOutput {
  logs: ExportResult;
  traces: ExportResult;
  shutdown: string;
}

/** Run the app with exactly these OTEL_* variables (none inherited from the test process). */
async function runApp(env: Record<string, string>, user: string, padding = 0): Promise<AppOutput> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')),
  );
  const { stdout } = await promisify(execFile)(process.execPath, [APP, user, String(padding)], {
    env: { ...inherited, ...env },
    cwd: import.meta.dirname,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as AppOutput;
}

const grpcEndpoint = (server: RunningServer) => `http://127.0.0.1:${server.grpcPort}`;

const TOO_BIG = 5 * 1024 * 1024;

describe('real OTLP/gRPC exporters, configured by environment variables', () => {
  it('per-signal variables: traces and their content logs land joined, read back through the API', async () => {
    const server = await testServer({ grpcPort: 0 });
    const output = await runApp(
      {
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: grpcEndpoint(server),
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: `Authorization=Bearer ${server.projectToken}`,
        OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: grpcEndpoint(server),
        OTEL_EXPORTER_OTLP_LOGS_HEADERS: `Authorization=Bearer%20${server.projectToken}`,
      },
      'alice',
    );
    expect(output).toEqual({ logs: { code: 0 }, traces: { code: 0 }, shutdown: 'resolved' });

    const traces = await read<{ results: Array<Record<string, unknown>> }>(server, '/api/traces');
    expect(traces.body.results).toEqual([
      expect.objectContaining({
        name: 'invoke_agent weather',
        distinct_id: 'alice',
        session_id: 's-alice',
        span_count: 2, // the HTTP span is not an AI span
        generation_count: 1,
        input_tokens: 1200,
        output_tokens: 300,
      }),
    ]);
    const generation = (await readEvents(server, 'event=$ai_generation'))[0]!;
    expect(generation.properties['$ai_model']).toBe('gpt-4o-mini-2024-07-18');
    // The content log record, sent before its span, was joined to it.
    expect(generation.properties['$ai_input']).toEqual([
      { role: 'user', content: 'What is the weather, asks alice?' },
    ]);
  });

  it('one OTEL_EXPORTER_OTLP_ENDPOINT for both signals, with gzip compression', async () => {
    const server = await testServer({ grpcPort: 0 });
    const output = await runApp(
      {
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_ENDPOINT: grpcEndpoint(server),
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${server.projectToken}`,
        OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
      },
      'bob',
    );
    expect(output).toEqual({ logs: { code: 0 }, traces: { code: 0 }, shutdown: 'resolved' });
    const events = await readEvents(server);
    expect(events.map((event) => event.event).sort()).toEqual(['$ai_generation', '$ai_trace']);
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.properties['$ai_input']).toEqual([
      { role: 'user', content: 'What is the weather, asks bob?' },
    ]);
  });

  it('a wrong or missing token fails both exports with UNAUTHENTICATED; nothing is stored', async () => {
    const server = await testServer({ grpcPort: 0 });
    const wrong = await runApp(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: grpcEndpoint(server),
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer phc_wrong',
      },
      'carol',
    );
    expect(wrong.traces).toEqual({ code: 1, error: '16 UNAUTHENTICATED: unknown project token' });
    expect(wrong.logs).toEqual({ code: 1, error: '16 UNAUTHENTICATED: unknown project token' });
    const missing = await runApp({ OTEL_EXPORTER_OTLP_ENDPOINT: grpcEndpoint(server) }, 'carol');
    expect(missing.traces.error).toBe(
      '16 UNAUTHENTICATED: missing project token: send the gRPC metadata "authorization: Bearer <project token>"',
    );
    expect(await readEvents(server)).toEqual([]);
  });

  it('a request over the 4 MiB limit fails with RESOURCE_EXHAUSTED, on the wire and after gzip', async () => {
    const server = await testServer({ grpcPort: 0 });
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: grpcEndpoint(server),
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${server.projectToken}`,
    };
    const plain = await runApp(env, 'dave', TOO_BIG);
    expect(plain.traces.code).toBe(1);
    expect(plain.traces.error).toMatch(/^8 RESOURCE_EXHAUSTED: .*larger than max/);
    const gzipped = await runApp(
      { ...env, OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' },
      'dave',
      TOO_BIG,
    );
    expect(gzipped.traces.code).toBe(1);
    expect(gzipped.traces.error).toMatch(
      /^8 RESOURCE_EXHAUSTED: .*decompresses to a size larger than 4194304/,
    );
    expect(await readEvents(server)).toEqual([]);
    // Under the limit the same app goes through.
    const fits = await runApp(env, 'dave', 1024 * 1024);
    expect(fits.traces).toEqual({ code: 0 });
  });

  it('pointed at the HTTP port, the exporters fail with a message naming the gRPC port', async () => {
    const lines: string[] = [];
    const server = await testServer({ grpcPort: 0, log: (line) => lines.push(line) });
    const output = await runApp(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: server.url,
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${server.projectToken}`,
      },
      'erin',
    );
    const advice = `this is llm-analytics' OTLP/HTTP port: send OTLP/gRPC to port ${server.grpcPort}, or OTLP/HTTP to ${server.url}/i/v0/ai/otel`;
    expect(output.traces).toEqual({ code: 1, error: `12 UNIMPLEMENTED: ${advice}` });
    expect(output.logs).toEqual({ code: 1, error: `12 UNIMPLEMENTED: ${advice}` });
    expect(output.shutdown).toBe('resolved');
    // One line for the two connections: the log is not flooded.
    expect(lines).toEqual([
      `an HTTP/2 (gRPC?) client from 127.0.0.1 connected to the HTTP port: ${advice}`,
    ]);
    expect(await readEvents(server)).toEqual([]);
  });
});
