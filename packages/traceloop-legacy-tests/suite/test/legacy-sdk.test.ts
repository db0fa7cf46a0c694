/**
 * Live test of @traceloop/node-server-sdk 0.16 (indexed `gen_ai.prompt.{i}.*` form) with
 * openai 5 against the mock OpenAI server, mapped by the built @llm-analytics/traceloop the
 * way users consume it. Same scenarios and expectations as the golden fixtures in
 * packages/traceloop/test/fixtures/legacy-0.16, which this release produced.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { mapSpans, spanRecordFromReadableSpan, type SpanRecord } from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { startMockOpenAI, type MockOpenAIServer } from '@llm-analytics/testing';
import { traceloopIntegration } from '@llm-analytics/traceloop';
import OpenAI from 'openai';
import { traceloopScenarios } from '../../../traceloop/scripts/traceloop-scenarios.mjs';
import { LEGACY_FLAVOR, scenarioExpectations } from '../../../traceloop/test/support/expectations';

const packageVersion = (name: string): string =>
  (
    JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'node_modules', name, 'package.json'), 'utf8'),
    ) as { version: string }
  ).version;

const captured = new Map<string, SpanRecord[]>();
const pricer = createPricer();
let mock: MockOpenAIServer;

beforeAll(async () => {
  // 0.16 sends anonymous usage telemetry to Traceloop's PostHog project unless told not to.
  process.env.TRACELOOP_TELEMETRY = 'false';
  const traceloop = await import('@traceloop/node-server-sdk');
  mock = await startMockOpenAI();
  const exporter = new InMemorySpanExporter();
  traceloop.initialize({
    appName: LEGACY_FLAVOR.serviceName,
    exporter,
    disableBatch: true,
    traceloopSyncEnabled: false,
    silenceInitializationMessage: true,
    // 0.16's typings resolve `openai` from wherever the workspace hoists it (v6): the v5 class
    // differs in type only; the instrumentation patches it the same way.
    instrumentModules: { openAI: OpenAI as never },
  });
  const client = new OpenAI({ baseURL: mock.url, apiKey: 'sk-live', maxRetries: 0 });
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
});

afterAll(async () => {
  await mock?.close();
});

describe(`live: @traceloop/node-server-sdk ${packageVersion('@traceloop/node-server-sdk')} with openai ${packageVersion('openai')}`, () => {
  const expectations = scenarioExpectations(LEGACY_FLAVOR);

  it('is the 0.16 release line with openai 5', () => {
    expect(packageVersion('@traceloop/node-server-sdk')).toMatch(/^0\.16\./);
    expect(packageVersion('openai')).toMatch(/^5\./);
    expect([...captured.keys()]).toEqual(Object.keys(expectations));
  });

  it('emits the indexed form', () => {
    const [span] = captured.get('chat')!;
    expect(span!.name).toBe('openai.chat');
    expect(span!.attributes['gen_ai.system']).toBe('OpenAI');
    expect(span!.attributes['llm.request.type']).toBe('chat');
    expect(span!.attributes['gen_ai.prompt.0.role']).toBe('system');
    expect(span!.attributes['gen_ai.usage.prompt_tokens']).toBe(30);
    expect(span!.attributes['gen_ai.input.messages']).toBeUndefined();
    const [firstTurn] = captured.get('tools-two-turns')!;
    expect(firstTurn!.attributes['llm.request.functions.0.name']).toBe('get_weather');
    expect(firstTurn!.attributes['gen_ai.completion.0.tool_calls.0.name']).toBe('get_weather');
  });

  it.each(Object.keys(expectations))('%s maps like the golden fixture', (scenario) => {
    const spans = captured.get(scenario)!;
    const result = mapSpans(spans, { integrations: [traceloopIntegration], price: pricer });
    expect(result.failed).toEqual([]);
    expectations[scenario]!({ spans, result });
  });
});
