/**
 * `tagStreamedCalls` with a stand-in client class (the live tests use the real `openai` client):
 * the spans an instrumentation starts inside a tagged streamed call are flagged by the processor.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { PostHogSpanProcessor, tagStreamedCalls } from '../src';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  spanProcessors: [
    // Only its onStart matters here; what it would send goes nowhere.
    new PostHogSpanProcessor({
      apiKey: 'phc_test',
      fetch: async () => new Response('{"status":1}'),
    }),
    new SimpleSpanProcessor(exporter),
  ],
});
const openaiTracer = provider.getTracer('@traceloop/instrumentation-openai');
const otherTracer = provider.getTracer('@opentelemetry/instrumentation-undici');
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

afterEach(() => exporter.reset());
afterAll(() => provider.shutdown());

/** Stands in for an instrumented `Completions.prototype.create`: starts and ends spans. */
function instrumentedCreate(tracers: Tracer[]) {
  return async function create(body: { stream?: boolean }) {
    for (const tracer of tracers) tracer.startSpan('span').end();
    return { streamed: body.stream === true };
  };
}

class Completions {
  create(_body: { stream?: boolean }): Promise<unknown> {
    return Promise.resolve('unpatched');
  }
}

function streamFlags(): Array<unknown> {
  return exporter.getFinishedSpans().map((span) => span.attributes['gen_ai.request.stream']);
}

describe('tagStreamedCalls', () => {
  it('flags the span of the OpenAI instrumentation in a streamed call, nothing else', async () => {
    const original = Completions.prototype.create;
    Completions.prototype.create = instrumentedCreate([openaiTracer, otherTracer]);
    try {
      const client = tagStreamedCalls({ chat: { completions: new Completions() } });
      await client.chat.completions.create({ stream: true });
      expect(streamFlags()).toEqual([true, undefined]);
      exporter.reset();
      await client.chat.completions.create({});
      expect(streamFlags()).toEqual([undefined, undefined]);
    } finally {
      Completions.prototype.create = original;
    }
  });

  it('calls the class method of the moment: an instrumentation may patch it later', async () => {
    const client = tagStreamedCalls({ chat: { completions: new Completions() } });
    await expect(client.chat.completions.create({ stream: true })).resolves.toBe('unpatched');
    const original = Completions.prototype.create;
    Completions.prototype.create = instrumentedCreate([openaiTracer]);
    try {
      await expect(client.chat.completions.create({ stream: true })).resolves.toEqual({
        streamed: true,
      });
      expect(streamFlags()).toEqual([true]);
    } finally {
      Completions.prototype.create = original;
    }
  });

  it('wraps once, keeps an own create, and leaves odd clients alone', async () => {
    const own = { create: instrumentedCreate([openaiTracer]) };
    const client = tagStreamedCalls(tagStreamedCalls({ completions: own, responses: undefined }));
    await client.completions.create({ stream: true });
    expect(streamFlags()).toEqual([true]);
    expect(tagStreamedCalls({})).toEqual({});
    expect(() => tagStreamedCalls(null as never)).not.toThrow();
    const frozen = Object.freeze({ create: async () => 'frozen' });
    expect(() => tagStreamedCalls({ completions: frozen })).not.toThrow();
  });
});
