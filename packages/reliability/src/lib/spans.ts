/** Real SDK spans (BasicTracerProvider) and their OTLP bodies from the real serializers. */
import { SpanKind, type Attributes } from '@opentelemetry/api';
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  POSTHOG_DISTINCT_ID,
} from '@llm-analytics/core/semconv';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

/** Chat attributes (current OTel GenAI semconv) with unique message text. */
export function chatAttributes(label: string, textBytes = 64, distinctId?: string): Attributes {
  const filler = 'x'.repeat(Math.max(0, textBytes - label.length));
  return {
    [GEN_AI_OPERATION_NAME]: 'chat',
    [GEN_AI_PROVIDER_NAME]: 'openai',
    [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
    [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
    [GEN_AI_USAGE_INPUT_TOKENS]: 12,
    [GEN_AI_USAGE_OUTPUT_TOKENS]: 4,
    [GEN_AI_INPUT_MESSAGES]: JSON.stringify([
      { role: 'user', parts: [{ type: 'text', content: `${label}${filler}` }] },
    ]),
    [GEN_AI_OUTPUT_MESSAGES]: JSON.stringify([
      { role: 'assistant', parts: [{ type: 'text', content: `answer to ${label}` }] },
    ]),
    ...(distinctId ? { [POSTHOG_DISTINCT_ID]: distinctId } : {}),
  };
}

/** Makes finished ReadableSpans with a real tracer. */
export class SpanFactory {
  private readonly exporter = new InMemorySpanExporter();
  private readonly provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'reliability-suite' }),
    spanProcessors: [new SimpleSpanProcessor(this.exporter)],
  });
  private readonly tracer = this.provider.getTracer('reliability-suite');
  private counter = 0;

  /** `count` root chat spans, each its own trace, each with unique content. */
  chats(count: number, options: { distinctId?: string; textBytes?: number } = {}): ReadableSpan[] {
    for (let index = 0; index < count; index++) {
      const label = `case-${this.counter++}`;
      this.tracer
        .startSpan('chat gpt-4o-mini', {
          kind: SpanKind.CLIENT,
          attributes: chatAttributes(label, options.textBytes, options.distinctId),
        })
        .end();
    }
    const spans = this.exporter.getFinishedSpans().slice();
    this.exporter.reset();
    return spans;
  }

  /** One span with the given attributes (any values the SDK accepts). */
  custom(name: string, attributes: Attributes): ReadableSpan {
    this.tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }).end();
    const [span] = this.exporter.getFinishedSpans();
    this.exporter.reset();
    return span!;
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

/** A span whose context carries other ids (wrong length, all zeros): the server must reject only it. */
export function withIds(
  span: ReadableSpan,
  ids: { traceId?: string; spanId?: string },
): ReadableSpan {
  const context = { ...span.spanContext(), ...ids };
  return Object.create(span, { spanContext: { value: () => context } }) as ReadableSpan;
}

export const toProtobuf = (spans: ReadableSpan[]): Uint8Array =>
  ProtobufTraceSerializer.serializeRequest(spans)!;

export const toJson = (spans: ReadableSpan[]): Uint8Array =>
  JsonTraceSerializer.serializeRequest(spans)!;
