/** The built package, the way users consume it: ESM and CJS entries map like the sources. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { startCaptureServer } from '@llm-analytics/testing';
import type * as Source from '../src';
import * as source from '../src';
import { CapturedEvents, TOKEN } from './captured-events';
import { scenarioEvents } from './load-fixture';

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

  it('exports the normalizer from the ESM and CJS builds, mapping like the sources', () => {
    const expected = scenarioEvents('tools-two-turns');
    for (const [, entry] of entries) {
      expect(entry.openInferenceIntegration.normalizers).toEqual([entry.openInferenceNormalizer]);
      expect(entry.openInferenceNormalizer.name).toBe(source.openInferenceNormalizer.name);
      expect(
        scenarioEvents('tools-two-turns', { integrations: [entry.openInferenceIntegration] }),
      ).toEqual(expected);
    }
  });

  it.each(entries)('%s: PostHogSpanProcessor sends a priced generation', async (_, entry) => {
    const sink = await startCaptureServer();
    cleanups.push(() => sink.close());
    const processor = new entry.PostHogSpanProcessor({ apiKey: TOKEN, host: sink.url });
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    cleanups.push(() => provider.shutdown());
    provider
      .getTracer('@arizeai/openinference-instrumentation-openai', '4.2.7')
      .startSpan('OpenAI Chat Completions', {
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.system': 'openai',
          'llm.model_name': 'gpt-4o-mini',
          'llm.token_count.prompt': 100,
          'llm.token_count.completion': 10,
          'user.id': 'user-1',
        },
      })
      .end();
    await processor.forceFlush();
    const [event, ...rest] = new CapturedEvents(sink).take();
    expect(rest).toEqual([]);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.distinct_id).toBe('user-1');
    expect(event!.properties.$ai_framework).toBe('openinference');
    expect(event!.properties.$ai_total_cost_usd).toBeCloseTo((100 * 0.15 + 10 * 0.6) / 1e6, 12);
  });

  it.each(entries)('%s: price: false sends the event unpriced', async (_, entry) => {
    const sink = await startCaptureServer();
    cleanups.push(() => sink.close());
    const exporter = new entry.PostHogTraceExporter({
      apiKey: TOKEN,
      host: sink.url,
      price: false,
    });
    const provider = new BasicTracerProvider({ spanProcessors: [] });
    cleanups.push(() => provider.shutdown());
    const span = provider
      .getTracer('@arizeai/openinference-instrumentation-openai')
      .startSpan('LLM', {
        attributes: {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'gpt-4o-mini',
          'llm.token_count.prompt': 100,
          'llm.token_count.completion': 10,
        },
      });
    span.end();
    await new Promise<void>((resolve) => exporter.export([span as never], () => resolve()));
    const [event] = new CapturedEvents(sink).take();
    expect(event!.properties.$ai_input_tokens).toBe(100);
    expect(event!.properties.$ai_total_cost_usd).toBeUndefined();
    expect(event!.properties.$ai_cost_error).toBeUndefined();
  });
});
