/**
 * The processor in a simulated page (EventTarget window and document, Node's fetch) against
 * a loopback capture server: what pagehide and visibilitychange do. The real browser is in
 * e2e/.
 */
import {
  GEN_AI_OPERATION_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  POSTHOG_DISTINCT_ID,
} from '@llm-analytics/core/semconv';
import { startCaptureServer, type CaptureServer } from '@llm-analytics/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupLLMAnalytics, type LLMAnalytics, type SetupLLMAnalyticsOptions } from '../src';

interface FakePage {
  window: EventTarget;
  document: EventTarget & { visibilityState: DocumentVisibilityState };
  hide(): void;
  pagehide(): void;
}

function fakePage(): FakePage {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), {
    visibilityState: 'visible' as DocumentVisibilityState,
  });
  vi.stubGlobal('addEventListener', window.addEventListener.bind(window));
  vi.stubGlobal('removeEventListener', window.removeEventListener.bind(window));
  vi.stubGlobal('document', document);
  return {
    window,
    document,
    hide() {
      document.visibilityState = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
    },
    pagehide() {
      window.dispatchEvent(new Event('pagehide'));
    },
  };
}

type Batch = {
  api_key: string;
  batch: Array<{ uuid: string; event: string; distinct_id: string }>;
};
const parse = (text: string) => JSON.parse(text) as Batch;

let sink: CaptureServer;
let page: FakePage;
let analytics: LLMAnalytics | undefined;
let inits: RequestInit[];

beforeEach(async () => {
  sink = await startCaptureServer();
  page = fakePage();
  inits = [];
});

afterEach(async () => {
  await analytics?.shutdown();
  analytics = undefined;
  vi.unstubAllGlobals();
  await sink.close();
});

function start(options: SetupLLMAnalyticsOptions = {}): LLMAnalytics {
  analytics = setupLLMAnalytics({
    apiKey: 'phc_page',
    host: sink.url,
    flushIntervalMs: 60_000,
    register: false,
    // Node's fetch, recording what the browser would have been asked to do.
    fetch: (input, init) => {
      inits.push(init ?? {});
      return fetch(input, { method: init?.method, body: init?.body, headers: init?.headers });
    },
    ...options,
  });
  return analytics;
}

function chat(analytics: LLMAnalytics, user = 'page-user'): void {
  analytics.provider
    .getTracer('test')
    .startSpan('chat gpt-4o-mini', {
      attributes: {
        [GEN_AI_OPERATION_NAME]: 'chat',
        [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
        [GEN_AI_USAGE_INPUT_TOKENS]: 10,
        [GEN_AI_USAGE_OUTPUT_TOKENS]: 3,
        [POSTHOG_DISTINCT_ID]: user,
      },
    })
    .end();
}

describe('flush on page hide', () => {
  it('hidden then pagehide: the queue leaves once, as a keepalive text/plain request', async () => {
    const analytics = start();
    chat(analytics);
    chat(analytics);
    page.hide();
    page.pagehide();
    const [request] = await sink.waitFor(1);
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({ keepalive: true, mode: 'no-cors', credentials: 'omit' });
    expect(request!.path).toBe('/batch/');
    expect(request!.headers['content-type']).toBe('text/plain;charset=UTF-8');
    const body = parse(request!.text);
    expect(body.api_key).toBe('phc_page');
    expect(body.batch.map((event) => event.event)).toEqual(['$ai_generation', '$ai_generation']);
    expect(body.batch.map((event) => event.distinct_id)).toEqual(['page-user', 'page-user']);
    expect(new Set(body.batch.map((event) => event.uuid)).size).toBe(2);
    await analytics.processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
  });

  it('a visible page (visibilitychange back to visible) flushes nothing', async () => {
    const analytics = start();
    chat(analytics);
    page.document.dispatchEvent(new Event('visibilitychange'));
    expect(inits).toHaveLength(0);
    await analytics.processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
    expect(sink.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('normal sends are keepalive too while they fit the 64 KiB budget', async () => {
    const analytics = start({ compression: false });
    chat(analytics);
    await analytics.processor.forceFlush();
    expect(inits[0]).toMatchObject({ keepalive: true });
    expect(inits[0]!.mode).toBeUndefined();
  });

  it('flushOnPageHide: false leaves the listeners off', async () => {
    const analytics = start({ flushOnPageHide: false });
    chat(analytics);
    page.pagehide();
    expect(inits).toHaveLength(0);
    await analytics.processor.forceFlush();
    expect(sink.requests).toHaveLength(1);
  });

  it('shutdown removes the listeners', async () => {
    const analytics = start();
    await analytics.shutdown();
    chat(analytics);
    page.pagehide();
    expect(inits).toHaveLength(0);
  });

  it('without a token: disabled, no listeners, nothing thrown', () => {
    const analytics = start({ apiKey: '' });
    chat(analytics);
    page.pagehide();
    expect(analytics.processor.enabled).toBe(false);
    expect(analytics.processor.flushForUnload()).toEqual({ sent: 0, deferred: 0 });
    expect(inits).toHaveLength(0);
  });
});
