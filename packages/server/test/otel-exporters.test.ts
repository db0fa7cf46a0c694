/**
 * The real OTLP exporters, configured only through the standard environment variables,
 * against a running server; assertions go through the read API.
 */
import { context as otelContext, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as OTLPHttpTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type ReadableLogRecord,
} from '@opentelemetry/sdk-logs';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import {
  joinLogsToSpans,
  logRecordFromSdk,
  mapSpans,
  spanRecordFromReadableSpan,
  type AiEvent,
} from '@llm-analytics/core';
import {
  EVENT_NAME,
  GEN_AI_OPERATION_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_SYSTEM,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USER_MESSAGE_EVENT,
  SESSION_ID,
  USER_ID,
} from '@llm-analytics/core/semconv';
import { createPricer } from '@llm-analytics/core/pricing';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src';
import { read, readEvents, testServer } from './helpers';

const ENV_KEYS = [
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
  'OTEL_EXPORTER_OTLP_LOGS_HEADERS',
];
afterEach(() => {
  for (const key of ENV_KEYS) delete process.env[key];
});

/** Spans of one small agent run: an agent span, a chat call under it, and a non-AI HTTP span. */
async function recordRun(
  user: string,
): Promise<{ spans: ReadableSpan[]; logs: ReadableLogRecord[] }> {
  const spanSink = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'exporter-test' }),
    spanProcessors: [new SimpleSpanProcessor(spanSink)],
  });
  const logSink = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({
    processors: [new SimpleLogRecordProcessor({ exporter: logSink })],
  });
  const tracer = provider.getTracer('exporter-test');
  const logger = loggerProvider.getLogger('@opentelemetry/instrumentation-openai');

  const agent = tracer.startSpan('invoke_agent weather', {
    attributes: {
      [GEN_AI_OPERATION_NAME]: 'invoke_agent',
      [USER_ID]: user,
      [SESSION_ID]: `session-${user}`,
    },
  });
  const agentContext = trace.setSpan(otelContext.active(), agent);
  const http = tracer.startSpan('GET /weather', { kind: SpanKind.CLIENT }, agentContext);
  http.end();
  const chat = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [GEN_AI_OPERATION_NAME]: 'chat',
        [GEN_AI_SYSTEM]: 'openai',
        [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
        [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
        [GEN_AI_USAGE_INPUT_TOKENS]: 1200,
        [GEN_AI_USAGE_OUTPUT_TOKENS]: 300,
      },
    },
    agentContext,
  );
  logger.emit({
    attributes: { [EVENT_NAME]: GEN_AI_USER_MESSAGE_EVENT },
    body: { content: `What is the weather, asks ${user}?` },
    context: trace.setSpan(otelContext.active(), chat),
  });
  chat.setStatus({ code: SpanStatusCode.OK });
  chat.end();
  agent.end();
  // The simple processors hand records to their exporter asynchronously.
  await Promise.all([provider.forceFlush(), loggerProvider.forceFlush()]);
  return { spans: spanSink.getFinishedSpans(), logs: logSink.getFinishedLogRecords() };
}

/** What the SDK-side pipeline makes of the same spans and logs. */
function sdkEvents(run: { spans: ReadableSpan[]; logs: ReadableLogRecord[] }): AiEvent[] {
  const spans = joinLogsToSpans(
    run.spans.map(spanRecordFromReadableSpan),
    run.logs.map(logRecordFromSdk),
  ).spans;
  return mapSpans(spans, { price: createPricer() }).events;
}

function useTracesEnv(server: RunningServer, header: string) {
  process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] = `${server.url}/i/v0/ai/otel`;
  process.env['OTEL_EXPORTER_OTLP_TRACES_HEADERS'] = `Authorization=${header}`;
}

function useLogsEnv(server: RunningServer) {
  process.env['OTEL_EXPORTER_OTLP_LOGS_ENDPOINT'] = `${server.url}/i/v0/ai/otel/v1/logs`;
  process.env['OTEL_EXPORTER_OTLP_LOGS_HEADERS'] = `Authorization=Bearer%20${server.projectToken}`;
}

function exportWith<T>(
  exporter: { export(items: T[], done: (result: { code: number; error?: Error }) => void): void },
  items: T[],
) {
  return new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(items, resolve));
}

const sortByUuid = (events: AiEvent[]) => [...events].sort((a, b) => a.uuid.localeCompare(b.uuid));

describe('real OTLP exporters', () => {
  for (const [name, Exporter] of [
    ['exporter-trace-otlp-proto', OTLPProtoTraceExporter],
    ['exporter-trace-otlp-http', OTLPHttpTraceExporter],
  ] as const) {
    it(`${name}: traces land and read back through the API`, async () => {
      const server = await testServer();
      useTracesEnv(server, `Bearer ${server.projectToken}`);
      const exporter = new Exporter();
      const run = await recordRun('alice');
      const result = await exportWith(exporter, run.spans);
      await exporter.shutdown();
      expect(result.code).toBe(0);

      const traces = await read<{ results: Array<Record<string, unknown>> }>(server, '/api/traces');
      expect(traces.status).toBe(200);
      expect(traces.body.results).toEqual([
        expect.objectContaining({
          name: 'invoke_agent weather',
          distinct_id: 'alice',
          session_id: 'session-alice',
          span_count: 2, // the HTTP span is not an AI span
          generation_count: 1,
          input_tokens: 1200,
          output_tokens: 300,
          error_count: 0,
        }),
      ]);
      expect((traces.body.results[0]!['total_cost_usd'] as number) > 0).toBe(true);
      const withoutLogs = sdkEvents({ spans: run.spans, logs: [] });
      expect(sortByUuid(await readEvents(server))).toEqual(sortByUuid(withoutLogs));
    });
  }

  it('a wrong token in OTEL_EXPORTER_OTLP_TRACES_HEADERS fails the export (401), nothing stored', async () => {
    const server = await testServer();
    useTracesEnv(server, 'Bearer phc_wrong');
    const exporter = new OTLPProtoTraceExporter();
    const result = await exportWith(exporter, (await recordRun('bob')).spans);
    await exporter.shutdown();
    expect(result.code).toBe(1);
    expect(String(result.error)).toMatch(/401|Unauthorized/i);
    expect(await readEvents(server)).toEqual([]);
  });

  it('exporter-logs-otlp-proto: logs sent before the spans are joined', async () => {
    const server = await testServer();
    useTracesEnv(server, `Bearer ${server.projectToken}`);
    useLogsEnv(server);
    const run = await recordRun('carol');
    const logExporter = new OTLPLogExporter();
    expect((await exportWith(logExporter, run.logs)).code).toBe(0);
    const traceExporter = new OTLPProtoTraceExporter();
    expect((await exportWith(traceExporter, run.spans)).code).toBe(0);
    await Promise.all([logExporter.shutdown(), traceExporter.shutdown()]);

    const generation = (await readEvents(server, 'event=$ai_generation'))[0]!;
    expect(generation.properties['$ai_input']).toEqual([
      { role: 'user', content: 'What is the weather, asks carol?' },
    ]);
    expect(sortByUuid(await readEvents(server))).toEqual(sortByUuid(sdkEvents(run)));
  });

  it('exporter-logs-otlp-proto: logs sent after the spans re-map the stored event', async () => {
    const server = await testServer();
    useTracesEnv(server, `Bearer ${server.projectToken}`);
    useLogsEnv(server);
    const run = await recordRun('dave');
    const traceExporter = new OTLPProtoTraceExporter();
    expect((await exportWith(traceExporter, run.spans)).code).toBe(0);
    const before = (await readEvents(server, 'event=$ai_generation'))[0]!;
    expect(before.properties['$ai_input']).toBeUndefined();

    const logExporter = new OTLPLogExporter();
    expect((await exportWith(logExporter, run.logs)).code).toBe(0);
    // A retried logs export must not duplicate the message.
    expect((await exportWith(logExporter, run.logs)).code).toBe(0);
    await Promise.all([logExporter.shutdown(), traceExporter.shutdown()]);

    const after = (await readEvents(server, 'event=$ai_generation'))[0]!;
    expect(after.uuid).toBe(before.uuid);
    expect(after.properties['$ai_input']).toEqual([
      { role: 'user', content: 'What is the weather, asks dave?' },
    ]);
    expect(sortByUuid(await readEvents(server))).toEqual(sortByUuid(sdkEvents(run)));
  });
});
