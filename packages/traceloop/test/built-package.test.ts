/**
 * The built package, the way users consume it: the ESM and CJS entries export the setup API,
 * and `traceloopOptions()` from either sends a priced event on `exporter.forceFlush()`.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import type * as Source from '../src';
import { CapturedEvents, TOKEN } from './support/captured-events';

const DIST = join(import.meta.dirname, '..', 'dist');
type Entry = typeof Source;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('dist', async () => {
  const entries: Array<[string, Entry]> = [
    ['esm', (await import(join(DIST, 'index.js'))) as Entry],
    ['cjs', createRequire(import.meta.url)(join(DIST, 'index.cjs')) as Entry],
  ];

  it.each(entries)('%s: traceloopOptions() exports a priced generation', async (_, entry) => {
    const sink = await startCaptureServer();
    cleanups.push(() => sink.close());
    const setup = entry.traceloopOptions({ apiKey: TOKEN, host: sink.url });
    expect(setup.processor).toBeInstanceOf(entry.PostHogSpanProcessor);
    const provider = new BasicTracerProvider({ spanProcessors: [setup.processor] });
    cleanups.push(() => provider.shutdown());
    provider
      .getTracer('@traceloop/instrumentation-openai', '0.27.0')
      .startSpan('chat gpt-4o-mini', {
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 100,
          'gen_ai.usage.output_tokens': 10,
          'traceloop.association.properties.user_id': 'user-1',
        },
      })
      .end();
    // What traceloop.forceFlush() calls.
    await setup.exporter.forceFlush();
    const [event, ...rest] = new CapturedEvents(sink).take();
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.distinct_id).toBe('user-1');
    expect(event!.properties.$ai_framework).toBe('traceloop');
    expect(event!.properties.$ai_total_cost_usd).toBeCloseTo((100 * 0.15 + 10 * 0.6) / 1e6, 12);
  });

  it.each(entries)('%s: exports the integration, exporter and stream tagging too', (_, entry) => {
    expect(entry.traceloopIntegration.normalizers).toEqual([entry.traceloopNormalizer]);
    expect(typeof entry.PostHogTraceExporter).toBe('function');
    expect(typeof entry.tagStreamedCalls).toBe('function');
  });
});
