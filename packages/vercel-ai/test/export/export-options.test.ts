/**
 * The processor and exporter of both entries (Node: priced by default; edge: unpriced by
 * default), driven by a real tracer provider with a hand-written AI SDK 6 span.
 */
import type { AiEvent, Normalizer } from '@llm-analytics/core';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import * as edgeEntry from '../../src/edge';
import * as nodeEntry from '../../src/index';
import type { VercelAiExportOptions } from '../../src';
import { gpt4oMiniCost } from '../map-events';
import { costKeys, sinkEvents } from './sink-events';

const DO_GENERATE = {
  'ai.operationId': 'ai.generateText.doGenerate',
  'ai.model.id': 'gpt-4o-mini',
  'ai.model.provider': 'openai.chat',
  'ai.usage.inputTokens': 100,
  'ai.usage.outputTokens': 20,
  'ai.telemetry.metadata.posthog_distinct_id': 'user-1',
};

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Entry = typeof nodeEntry | typeof edgeEntry;
type Form = 'processor' | 'exporter';

/** One doGenerate span through the entry's processor or exporter; the events that arrived. */
async function sendOneSpan(
  entry: Entry,
  form: Form,
  options: VercelAiExportOptions = {},
): Promise<AiEvent[]> {
  const sink: CaptureServer = await startCaptureServer();
  cleanups.push(() => sink.close());
  const common = { apiKey: 'phc_test', host: sink.url, flushIntervalMs: 20, ...options };
  const processor: SpanProcessor =
    form === 'processor'
      ? new entry.PostHogSpanProcessor(common)
      : new SimpleSpanProcessor(new entry.PostHogTraceExporter(common));
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  cleanups.push(() => provider.shutdown());
  provider
    .getTracer('ai')
    .startSpan('ai.generateText.doGenerate', { attributes: DO_GENERATE })
    .end();
  await provider.forceFlush();
  return sinkEvents(sink);
}

/** The event without what differs between two runs of the same span (ids, times). */
function withoutRunValues(event: AiEvent): Record<string, unknown> {
  const { uuid: _uuid, timestamp: _timestamp, properties, ...rest } = event;
  const { $ai_trace_id: _t, $ai_span_id: _s, $ai_latency: _l, ...stable } = properties;
  return { ...rest, properties: stable };
}

describe.each(['processor', 'exporter'] as const)('%s', (form) => {
  it('Node entry: the AI SDK span becomes a priced $ai_generation', async () => {
    const [event, ...rest] = await sendOneSpan(nodeEntry, form);
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.distinct_id).toBe('user-1');
    expect(event!.properties).toMatchObject({
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_framework: 'vercel-ai',
      ...gpt4oMiniCost(100, 20),
    });
  });

  it('Node entry, price: false: sent unpriced, with no cost key at all', async () => {
    const [event] = await sendOneSpan(nodeEntry, form, { price: false });
    expect(event!.event).toBe('$ai_generation');
    expect(costKeys(event!)).toEqual([]);
  });

  it('edge entry: unpriced by default (no price table), the mapping otherwise the same', async () => {
    const [edgeEvent] = await sendOneSpan(edgeEntry, form);
    const [nodeEvent] = await sendOneSpan(nodeEntry, form, { price: false });
    expect(costKeys(edgeEvent!)).toEqual([]);
    expect(withoutRunValues(edgeEvent!)).toEqual(withoutRunValues(nodeEvent!));
  });

  it('either entry: a pricing stage of your own is used', async () => {
    const price = (event: AiEvent): AiEvent => ({
      ...event,
      properties: { ...event.properties, $ai_total_cost_usd: 1.5 },
    });
    for (const entry of [nodeEntry, edgeEntry]) {
      const [event] = await sendOneSpan(entry, form, { price });
      expect(event!.properties.$ai_total_cost_usd).toBe(1.5);
      expect(event!.properties.$ai_input_cost_usd).toBeUndefined();
    }
  });

  it('your normalizers run before the AI SDK one, which still maps the span', async () => {
    const tenant: Normalizer = {
      name: 'tenant',
      matches: () => true,
      normalize: () => ({ properties: { tenant: 'acme' } }),
    };
    const [event] = await sendOneSpan(nodeEntry, form, { normalizers: [tenant] });
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties).toMatchObject({ tenant: 'acme', $ai_framework: 'vercel-ai' });
  });
});

describe('never throws into the application', () => {
  it('null or empty options, no token anywhere: disabled with a warning, spans ignored', async () => {
    const saved = { ...process.env };
    for (const key of ['LLM_ANALYTICS_TOKEN', 'POSTHOG_API_KEY']) delete process.env[key];
    cleanups.push(async () => void Object.assign(process.env, saved));
    const messages: string[] = [];
    const record = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
    diag.setLogger(
      { error: record, warn: record, info: record, debug: () => {}, verbose: () => {} },
      { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
    );
    cleanups.push(async () => diag.disable());
    for (const entry of [nodeEntry, edgeEntry]) {
      const processor = new entry.PostHogSpanProcessor(null as unknown as VercelAiExportOptions);
      expect(processor.enabled).toBe(false);
      const exporter = new entry.PostHogTraceExporter();
      const provider = new BasicTracerProvider({
        spanProcessors: [processor, new SimpleSpanProcessor(exporter)],
      });
      provider
        .getTracer('ai')
        .startSpan('ai.generateText.doGenerate', { attributes: DO_GENERATE })
        .end();
      await provider.shutdown();
    }
    expect(messages.join('\n')).toMatch(/token/i);
  });

  it('options whose getters throw: the defaults, reported through diag', () => {
    const hostile = Object.defineProperty({}, 'apiKey', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    }) as VercelAiExportOptions;
    expect(() => new nodeEntry.PostHogSpanProcessor(hostile)).not.toThrow();
    expect(() => new edgeEntry.PostHogTraceExporter(hostile)).not.toThrow();
  });
});

describe('posthogTelemetry', () => {
  it('gives AI SDK 6 telemetry settings with identity under the keys the normalizer reads', () => {
    expect(
      nodeEntry.posthogTelemetry({
        distinctId: 'user-1',
        sessionId: 'chat-9',
        functionId: 'support',
        properties: { plan: 'pro', posthog_distinct_id: 'ignored' },
        recordOutputs: false,
      }),
    ).toEqual({
      isEnabled: true,
      functionId: 'support',
      metadata: { plan: 'pro', posthog_distinct_id: 'user-1', sessionId: 'chat-9' },
      recordOutputs: false,
    });
    expect(edgeEntry.posthogTelemetry()).toEqual({ isEnabled: true, metadata: {} });
  });
});
