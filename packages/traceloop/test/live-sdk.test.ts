/**
 * Live integration test: the installed @traceloop/node-server-sdk runs every fixture scenario
 * against the mock OpenAI server now, exporting to an in-memory exporter; the finished spans
 * are converted with `spanRecordFromReadableSpan` and must map exactly as the golden fixtures
 * do. A new SDK release that changes what it emits fails here first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { spanRecordFromReadableSpan, type SpanRecord } from '@llm-analytics/core';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import OpenAI from 'openai';
import * as traceloop from '@traceloop/node-server-sdk';
import { traceloopScenarios } from '../scripts/traceloop-scenarios.mjs';
import { CURRENT_FLAVOR, scenarioExpectations, type Flavor } from './support/expectations';
import { mapTraceloopSpans } from './support/fixtures';

const installedSdkVersion = (
  JSON.parse(
    readFileSync(
      join(
        import.meta.dirname,
        '..',
        'node_modules',
        '@traceloop',
        'node-server-sdk',
        'package.json',
      ),
      'utf8',
    ),
  ) as { version: string }
).version;

const captured = new Map<string, SpanRecord[]>();
const exporter = new InMemorySpanExporter();
let mock: MockOpenAIServer;
let client: OpenAI;
let flavor: Flavor;

beforeAll(async () => {
  mock = await startMockOpenAI();
  traceloop.initialize({
    appName: CURRENT_FLAVOR.serviceName,
    exporter,
    disableBatch: true,
    traceloopSyncEnabled: false,
    silenceInitializationMessage: true,
    instrumentModules: { openAI: OpenAI },
  });
  client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-live', maxRetries: 0 });
  const scenarios = traceloopScenarios({
    traceloop,
    client,
    mock,
    tracer: trace.getTracer('traceloop-fixtures-app', '1.0.0'),
  });
  for (const [name, run] of Object.entries(scenarios)) {
    exporter.reset();
    await run();
    await traceloop.forceFlush();
    captured.set(name, exporter.getFinishedSpans().map(spanRecordFromReadableSpan));
  }
  const openaiScope = captured.get('chat')?.[0]?.scope;
  flavor = {
    ...CURRENT_FLAVOR,
    openaiLibVersion: openaiScope?.version ?? 'missing',
    sdkLibVersion: installedSdkVersion,
  };
});

afterAll(async () => {
  await mock?.close();
});

describe(`live: @traceloop/node-server-sdk ${installedSdkVersion} against the mock`, () => {
  const names = Object.keys(scenarioExpectations(CURRENT_FLAVOR));

  it('runs the same scenarios as the fixture capture', () => {
    expect([...captured.keys()]).toEqual(names);
    expect(flavor.openaiLibVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(names)('%s maps like the golden fixture', (scenario) => {
    const spans = captured.get(scenario)!;
    const result = mapTraceloopSpans(spans);
    expect(result.failed).toEqual([]);
    scenarioExpectations(flavor)[scenario]!({ spans, result });
  });
});

describe('streamed usage', () => {
  it('is marked estimated when the stream is tagged through Traceloop extraAttributes', async () => {
    exporter.reset();
    // Traceloop copies `extraAttributes` onto the span and removes them before the request.
    const params = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Write a haiku about telemetry.' }],
      stream: true as const,
      extraAttributes: { 'gen_ai.request.stream': true },
    };
    const stream = await client.chat.completions.create(params);
    for await (const chunk of stream) void chunk;
    await traceloop.forceFlush();
    expect(JSON.parse(mock.requests.at(-1)!.rawBody).extraAttributes).toBeUndefined();
    const { events } = mapTraceloopSpans(
      exporter.getFinishedSpans().map(spanRecordFromReadableSpan),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.properties.$ai_stream).toBe(true);
    expect(events[0]!.properties.$ai_usage_estimated).toBe(true);
    expect(events[0]!.properties.$ai_input_tokens).toBe(7);
  });
});

describe("Traceloop's own span processor", () => {
  function exportedScopes(options: Parameters<typeof traceloop.createSpanProcessor>[0]): string[] {
    const exporter = new InMemorySpanExporter();
    const processor = traceloop.createSpanProcessor({ ...options, exporter, disableBatch: true });
    // The SDK's processor type comes from its own copy of sdk-trace-node: structurally the same.
    const provider = new BasicTracerProvider({
      spanProcessors: [processor as unknown as SpanProcessor],
    });
    provider.getTracer('my-app').startSpan('app work').end();
    provider.getTracer('@traceloop/instrumentation-openai').startSpan('chat gpt-4o-mini').end();
    return exporter.getFinishedSpans().map((span) => span.instrumentationScope.name);
  }

  it('drops spans of other instrumentation scopes by default (createSpanProcessor)', () => {
    expect(exportedScopes({})).toEqual(['@traceloop/instrumentation-openai']);
  });

  it('keeps them when their scope is allowed, or with ALL_INSTRUMENTATION_LIBRARIES', () => {
    const both = ['my-app', '@traceloop/instrumentation-openai'];
    expect(exportedScopes({ allowedInstrumentationLibraries: ['my-app'] })).toEqual(both);
    expect(
      exportedScopes({ allowedInstrumentationLibraries: traceloop.ALL_INSTRUMENTATION_LIBRARIES }),
    ).toEqual(both);
  });
});
