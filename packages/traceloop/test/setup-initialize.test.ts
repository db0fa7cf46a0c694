/**
 * Integration: the real @traceloop/node-server-sdk set up with
 * `initialize({ ...traceloopOptions() })` runs the scenarios against the mock OpenAI server;
 * the events that reach a capture server through this package's `PostHogSpanProcessor` must
 * be the ones the golden fixtures give (same assertions, costs computed by hand).
 * `traceloop.forceFlush()` alone delivers them. One file: `initialize` is global, once per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import type { AiEvent, MapResult } from '@llm-analytics/core';
import {
  startCaptureServer,
  startMockOpenAI,
  type CaptureServer,
  type MockOpenAIServer,
} from '@llm-analytics/testing';
import OpenAI from 'openai';
import * as traceloop from '@traceloop/node-server-sdk';
import { tagStreamedCalls, traceloopOptions, type TraceloopInitializeOptions } from '../src';
import { traceloopScenarios } from '../scripts/traceloop-scenarios.mjs';
import { CapturedEvents, TOKEN } from './support/captured-events';
import { CURRENT_FLAVOR, expectGpt4oMiniCost, scenarioExpectations } from './support/expectations';
import { installedVersion } from './support/installed';

const APP_NAME = 'traceloop-initialize-test';
const flavor = {
  ...CURRENT_FLAVOR,
  serviceName: APP_NAME,
  openaiLibVersion: installedVersion('@traceloop/instrumentation-openai'),
  sdkLibVersion: installedVersion('@traceloop/node-server-sdk'),
};

/** The scenarios the issue names, plus a failure that is exported and one that is not. */
const SCENARIOS = [
  'chat',
  'chat-stream',
  'tools-two-turns',
  'responses',
  'responses-stream-429',
  'workflow',
  'agent',
  'association',
  'error-429',
];

let sink: CaptureServer;
let mock: MockOpenAIServer;
let client: OpenAI;
let setup: TraceloopInitializeOptions;
let captured: CapturedEvents;
const eventsByScenario = new Map<string, AiEvent[]>();

beforeAll(async () => {
  sink = await startCaptureServer();
  mock = await startMockOpenAI();
  setup = traceloopOptions({ apiKey: TOKEN, host: sink.url, retryBaseDelayMs: 20 });
  traceloop.initialize({
    appName: APP_NAME,
    silenceInitializationMessage: true,
    instrumentModules: { openAI: OpenAI },
    ...setup,
  });
  client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-test', maxRetries: 0 });
  captured = new CapturedEvents(sink);
  const scenarios = traceloopScenarios({
    traceloop,
    client,
    mock,
    tracer: trace.getTracer('traceloop-fixtures-app', '1.0.0'),
  });
  for (const name of SCENARIOS) {
    await scenarios[name]!();
    // Through Traceloop's own processor and the forwarding exporter to ours.
    await traceloop.forceFlush();
    eventsByScenario.set(name, captured.take());
  }
});

afterAll(async () => {
  await setup?.processor.shutdown();
  await mock?.close();
  await sink?.close();
});

describe('initialize({ ...traceloopOptions() })', () => {
  it('returns what initialize needs to export through our processor only', () => {
    expect(setup.disableBatch).toBe(true);
    expect(setup.traceloopSyncEnabled).toBe(false);
    expect(setup.processor.enabled).toBe(true);
  });

  it.each(SCENARIOS.filter((name) => name !== 'error-429'))(
    '%s: the events that arrive are the golden ones',
    (scenario) => {
      const events = eventsByScenario.get(scenario)!;
      const result: MapResult = { events, nonAi: 0, failed: [] };
      scenarioExpectations(flavor)[scenario]!({ spans: [], result });
    },
  );

  it('error-429: the failed call sends nothing (Traceloop never ends its span)', () => {
    expect(eventsByScenario.get('error-429')).toEqual([]);
  });

  it('puts the distinct id and session of the association properties on every event', () => {
    const events = eventsByScenario.get('association')!;
    expect(events.map((event) => event.event).sort()).toEqual([
      '$ai_generation',
      '$ai_span',
      '$ai_trace',
    ]);
    for (const event of events) {
      expect(event.distinct_id).toBe('user-42');
      expect(event.properties.$ai_session_id).toBe('session-7');
    }
  });

  it('sends nothing but /batch/ requests to the host', () => {
    expect(sink.requests.every((request) => request.path === '/batch/')).toBe(true);
  });
});

describe('tagStreamedCalls', () => {
  it('marks a streamed call as streamed with estimated usage, and leaves the request alone', async () => {
    const tagged = tagStreamedCalls(new OpenAI({ baseURL: mock.url, apiKey: 'sk', maxRetries: 0 }));
    expect(tagStreamedCalls(tagged)).toBe(tagged);
    const stream = await tagged.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Write a haiku about telemetry.' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    await tagged.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Not streamed.' }],
    });
    await traceloop.forceFlush();
    const sent = mock.requests.slice(-2).map((request) => request.body as Record<string, unknown>);
    expect(Object.keys(sent[0]!).sort()).toEqual(['messages', 'model', 'stream', 'stream_options']);

    const [streamed, plain] = captured.take();
    expect(streamed!.properties.$ai_stream).toBe(true);
    expect(streamed!.properties.$ai_usage_estimated).toBe(true);
    // Traceloop's own count of the message text (7), not the API's 14.
    expectGpt4oMiniCost(streamed!.properties, 7, 9);
    expect(plain!.properties.$ai_stream).toBeUndefined();
    expect(plain!.properties.$ai_usage_estimated).toBeUndefined();
  });

  it('an untagged client: usage estimated all the same, but nothing says so', () => {
    const [event] = eventsByScenario.get('chat-stream')!;
    expect(event!.properties.$ai_stream).toBeUndefined();
    expect(event!.properties.$ai_usage_estimated).toBeUndefined();
  });
});
