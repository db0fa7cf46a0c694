import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mapSpans, type AiEvent, type MapperOptions } from '@llm-analytics/core';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { createPricer } from '@llm-analytics/core/pricing';
import { openInferenceIntegration } from '../src';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'openai');
const price = createPricer();

/** Decode one captured scenario in one wire format and map it with the OpenInference normalizer. */
export function mapScenario(scenario: string, format: 'pb' | 'json', options: MapperOptions = {}) {
  const path = join(FIXTURES, `${scenario}.traces.${format}`);
  const decoded =
    format === 'pb'
      ? decodeTraces(new Uint8Array(readFileSync(path)), 'protobuf')
      : decodeTraces(readFileSync(path, 'utf8'), 'json');
  expect(decoded.rejected).toEqual([]);
  const result = mapSpans(decoded.spans, {
    integrations: [openInferenceIntegration],
    price,
    ...options,
  });
  expect(result.failed).toEqual([]);
  return result;
}

/** The events of a scenario, asserting that protobuf and OTLP/JSON give the very same events. */
export function scenarioEvents(scenario: string, options: MapperOptions = {}): AiEvent[] {
  const fromProtobuf = mapScenario(scenario, 'pb', options);
  const fromJson = mapScenario(scenario, 'json', options);
  expect(fromJson.events).toEqual(fromProtobuf.events);
  return fromProtobuf.events;
}

/** The one event of a scenario whose span has this name (a scenario may hold several). */
export function eventNamed(events: AiEvent[], spanName: string): AiEvent {
  const found = events.filter((event) => event.properties.$ai_span_name === spanName);
  expect(found).toHaveLength(1);
  return found[0]!;
}

// Prices from @pydantic/genai-prices, USD per million tokens (pinned by the core pricing tests).
export const GPT_4O_MINI = { input: 0.15, cacheRead: 0.075, output: 0.6 };
export const O4_MINI = { input: 1.1, cacheRead: 0.275, output: 4.4 };
export const perMillion = (tokens: number, price: number) => (tokens * price) / 1e6;

export function expectCost(properties: Record<string, unknown>, input: number, output: number) {
  expect(properties.$ai_input_cost_usd).toBeCloseTo(input, 12);
  expect(properties.$ai_output_cost_usd).toBeCloseTo(output, 12);
  expect(properties.$ai_total_cost_usd).toBeCloseTo(input + output, 12);
}

/** OpenInference keys that deliberately travel as they are (no `$ai_*` property exists for them). */
export const PASSED_THROUGH = new Set([
  'llm.token_count.prompt_details.audio',
  'llm.token_count.completion_details.audio',
  'llm.prompt_template.version',
]);

/** Properties every event of the fixtures carries; no raw OpenInference key leaks. */
export function expectCommon(
  event: AiEvent,
  lib = '@arizeai/openinference-instrumentation-openai',
  extraKeys: string[] = [],
) {
  const p = event.properties;
  expect(p.$ai_trace_id).toMatch(/^[0-9a-f]{32}$/);
  expect(p.$ai_span_id).toMatch(/^[0-9a-f]{16}$/);
  expect(p.$ai_lib).toBe(lib);
  expect(p.$ai_lib_version).toBe(lib === 'openinference-core' ? undefined : '4.2.7');
  expect(p.$ai_framework).toBe('openinference');
  expect(p.$ai_latency).toBeGreaterThan(0);
  expect(p.$ai_latency).toBeLessThan(10);
  expect(p['service.name']).toBe('openinference-fixtures');
  expect(p['telemetry.sdk.name']).toBe('opentelemetry');
  expect(event.uuid).toMatch(/^[0-9a-f-]{36}$/);
  const allowed = new Set([
    'service.name',
    'telemetry.sdk.name',
    'telemetry.sdk.version',
    ...PASSED_THROUGH,
    ...extraKeys,
  ]);
  for (const key of Object.keys(p)) {
    if (!key.startsWith('$')) expect(allowed, `unexpected property ${key}`).toContain(key);
  }
}
