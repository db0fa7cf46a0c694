/**
 * An application that exports one small agent run with the real OTLP/gRPC exporters,
 * configured only by the OTEL_EXPORTER_OTLP_* environment variables its parent sets.
 * Usage: node grpc-exporter-app.mjs <user> [padding bytes on the chat span]
 * Prints one JSON line: each export's result code and error, and whether shutdown rejected.
 */
import { context as otelContext, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  EVENT_NAME,
  GEN_AI_INPUT_MESSAGES,
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

const [user = 'alice', paddingText = '0'] = process.argv.slice(2);
const padding = Number(paddingText);

// Recorded in memory first, so each export's own result can be reported.
const spanSink = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'grpc-exporter-app' }),
  spanProcessors: [new SimpleSpanProcessor(spanSink)],
});
const logSink = new InMemoryLogRecordExporter();
const loggerProvider = new LoggerProvider({
  processors: [new SimpleLogRecordProcessor({ exporter: logSink })],
});
const tracer = provider.getTracer('grpc-exporter-app');
const logger = loggerProvider.getLogger('@opentelemetry/instrumentation-openai');

const agent = tracer.startSpan('invoke_agent weather', {
  attributes: {
    [GEN_AI_OPERATION_NAME]: 'invoke_agent',
    [USER_ID]: user,
    [SESSION_ID]: `s-${user}`,
  },
});
const agentContext = trace.setSpan(otelContext.active(), agent);
tracer.startSpan('GET /weather', { kind: SpanKind.CLIENT }, agentContext).end();
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
      ...(padding > 0 ? { [GEN_AI_INPUT_MESSAGES]: 'x'.repeat(padding) } : {}),
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
await Promise.all([provider.forceFlush(), loggerProvider.forceFlush()]);

const exportWith = (exporter, items) =>
  new Promise((resolve) =>
    exporter.export(items, ({ code, error }) => resolve({ code, error: error?.message })),
  );
const logExporter = new OTLPLogExporter();
const traceExporter = new OTLPTraceExporter();
// Logs first: the server keeps them until their spans arrive.
const logs = await exportWith(logExporter, logSink.getFinishedLogRecords());
const traces = await exportWith(traceExporter, spanSink.getFinishedSpans());
let shutdown = 'resolved';
try {
  await Promise.all([logExporter.shutdown(), traceExporter.shutdown()]);
} catch (error) {
  shutdown = `rejected: ${String(error)}`;
}
process.stdout.write(`${JSON.stringify({ logs, traces, shutdown })}\n`);
