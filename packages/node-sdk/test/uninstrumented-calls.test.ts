import { context, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_LLM_SPANS_WARNING_CODE, UninstrumentedCallMonitor } from '../src/uninstrumented-calls';

// An LLM client's request: what the openai package sends (and any Stainless-generated client).
const LLM_HEADERS = { 'x-stainless-lang': 'js', 'content-type': 'application/json' };
const WARNED = Symbol.for('@llm-analytics/node-sdk/no-llm-spans-warned');

let mock: MockOpenAIServer;
const provider = new NodeTracerProvider();
provider.register();
const appTracer = trace.getTracer('my-app');
const openaiTracer = trace.getTracer('@opentelemetry/instrumentation-openai');

// Captured instead of printed (the child-process suites check what reaches stderr).
const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
const ourWarnings = () =>
  emitWarning.mock.calls
    .filter(([, options]) => (options as { code?: string })?.code === NO_LLM_SPANS_WARNING_CODE)
    .map(([message]) => ({ message: String(message) }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(async () => {
  emitWarning.mockRestore();
  await mock.close();
  await provider.shutdown();
});
let monitor: UninstrumentedCallMonitor;
beforeEach(() => {
  delete (globalThis as Record<symbol, unknown>)[WARNED];
  emitWarning.mockClear();
  monitor = new UninstrumentedCallMonitor();
  monitor.attach();
});
afterEach(() => monitor.detach());

const llmCall = () =>
  fetch(`${mock.url}/embeddings`, {
    method: 'POST',
    headers: LLM_HEADERS,
    body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }),
  }).then((response) => response.text());

describe('the uninstrumented-call warning', () => {
  it('warns once when an LLM client called outside any span and no AI span was seen', async () => {
    await llmCall();
    monitor.check();
    monitor.check();
    await llmCall();
    monitor.check();
    await tick();
    expect(ourWarnings()).toHaveLength(1);
    expect(ourWarnings()[0]!.message).toContain(`an LLM client called ${mock.origin}`);
    expect(monitor.watching).toBe(false);
  });

  it('counts a call made under a non-AI span of the app as uninstrumented', async () => {
    await appTracer.startActiveSpan('GET /chat', async (span) => {
      await llmCall();
      span.end();
    });
    monitor.check();
    await tick();
    expect(ourWarnings()).toHaveLength(1);
  });

  it('stays quiet, and stops watching, when the call runs under an AI span', async () => {
    await openaiTracer.startActiveSpan('chat gpt-4o-mini', async (span) => {
      await llmCall();
      span.end();
    });
    expect(monitor.watching).toBe(false);
    await llmCall();
    monitor.check();
    await tick();
    expect(ourWarnings()).toEqual([]);
  });

  it('stays quiet once an AI span ended, even after an uninstrumented call', async () => {
    await llmCall();
    monitor.noteAiSpan();
    monitor.check();
    await tick();
    expect(ourWarnings()).toEqual([]);
  });

  it('ignores requests that no LLM client made, and apps that made no call', async () => {
    await fetch(`${mock.url}/models`).then((response) => response.text());
    monitor.check();
    await tick();
    expect(ourWarnings()).toEqual([]);
    expect(monitor.watching).toBe(true);
  });

  it('says nothing about calls under a span the sampler dropped', async () => {
    const unsampled = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 0,
    });
    await context.with(trace.setSpan(context.active(), unsampled), llmCall);
    monitor.check();
    await tick();
    expect(ourWarnings()).toEqual([]);
  });

  it('warns once per process, whatever the number of monitors', async () => {
    const other = new UninstrumentedCallMonitor();
    other.attach();
    await llmCall();
    monitor.check();
    other.check();
    other.detach();
    await tick();
    expect(ourWarnings()).toHaveLength(1);
  });
});
