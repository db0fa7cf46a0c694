import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  PostHogLogRecordProcessor as CorePostHogLogRecordProcessor,
  PostHogSpanProcessor as CorePostHogSpanProcessor,
} from '@llm-analytics/core';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPostHogProcessors,
  PostHogSpanProcessor,
  PostHogTraceExporter,
  type NodeSdkExportOptions,
} from '../src';
import { batchEvents, batchTokens } from './support/events';

const CHAT = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.usage.input_tokens': 1000,
  'gen_ai.usage.output_tokens': 500,
};

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sink(): Promise<CaptureServer> {
  const server = await startCaptureServer();
  cleanups.push(() => server.close());
  return server;
}

/** One chat span through a real provider with this package's span processor. */
async function chatThroughProcessor(options: NodeSdkExportOptions) {
  const server = await sink();
  const processor = new PostHogSpanProcessor({
    host: server.url,
    warnOnUninstrumentedCalls: false,
    ...options,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'processors-test' }),
    spanProcessors: [processor],
  });
  cleanups.push(() => provider.shutdown());
  provider
    .getTracer('@opentelemetry/instrumentation-openai')
    .startSpan('chat gpt-4o-mini', { attributes: CHAT })
    .end();
  await processor.forceFlush();
  return { server, events: batchEvents(server.requests), processor };
}

describe('createPostHogProcessors', () => {
  it('returns NodeSDK options: one span processor and the log record processor feeding it', () => {
    const processors = createPostHogProcessors({ apiKey: 'phc_x', host: 'http://127.0.0.1:9' });
    expect(Object.keys(processors).sort()).toEqual(['logRecordProcessors', 'spanProcessors']);
    expect(processors.spanProcessors).toHaveLength(1);
    expect(processors.logRecordProcessors).toHaveLength(1);
    expect(processors.spanProcessors[0]).toBeInstanceOf(PostHogSpanProcessor);
    expect(processors.spanProcessors[0]).toBeInstanceOf(CorePostHogSpanProcessor);
    expect(processors.logRecordProcessors[0]).toBeInstanceOf(CorePostHogLogRecordProcessor);
  });
});

describe('the project token', () => {
  it.each(['apiKey', 'projectToken'] as const)('is read from %s', async (option) => {
    const { server, events } = await chatThroughProcessor({ [option]: `phc_${option}` });
    expect(events.map((e) => e.event)).toEqual(['$ai_generation']);
    expect(batchTokens(server.requests)).toEqual([`phc_${option}`]);
  });

  it('blank: the processor is disabled, sends nothing and does not throw', async () => {
    const { server, processor } = await chatThroughProcessor({ apiKey: ' ' });
    expect(processor.enabled).toBe(false);
    expect(server.requests).toEqual([]);
  });
});

describe('pricing on Node', () => {
  it('prices events in-process by default (gpt-4o-mini: 1000 × 0.15 / 1e6 + 500 × 0.60 / 1e6)', async () => {
    const { events } = await chatThroughProcessor({ apiKey: 'phc' });
    const p = events[0]!.properties;
    expect(p.$ai_input_cost_usd).toBeCloseTo(0.00015, 15);
    expect(p.$ai_output_cost_usd).toBeCloseTo(0.0003, 15);
    expect(p.$ai_total_cost_usd).toBeCloseTo(0.00045, 15);
  });

  it('price: false sends events unpriced, for the server to price', async () => {
    const { events } = await chatThroughProcessor({ apiKey: 'phc', price: false });
    const p = events[0]!.properties;
    expect(p.$ai_input_tokens).toBe(1000);
    expect(Object.keys(p).filter((key) => key.includes('cost'))).toEqual([]);
  });

  it('a stage of your own replaces the default', async () => {
    const { events } = await chatThroughProcessor({
      apiKey: 'phc',
      price: (event) => ({ ...event, properties: { ...event.properties, $ai_total_cost_usd: 42 } }),
    });
    expect(events[0]!.properties.$ai_total_cost_usd).toBe(42);
    expect(events[0]!.properties.$ai_input_cost_usd).toBeUndefined();
  });

  it('PostHogTraceExporter prices by default too', async () => {
    const server = await sink();
    const exporter = new PostHogTraceExporter({ apiKey: 'phc', host: server.url });
    const provider = new BasicTracerProvider({
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 10 })],
    });
    cleanups.push(() => provider.shutdown());
    provider.getTracer('app').startSpan('chat gpt-4o-mini', { attributes: CHAT }).end();
    await provider.forceFlush();
    await exporter.forceFlush();
    expect(batchEvents(server.requests)[0]!.properties.$ai_total_cost_usd).toBeCloseTo(0.00045, 15);
  });
});
