import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mapSpans, type MapResult, type SpanRecord } from '@llm-analytics/core';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { createPricer } from '@llm-analytics/core/pricing';
import { traceloopIntegration } from '../../src';

/** The two captured fixture sets: the current release and 0.16 (indexed form). */
export type FixtureSet = 'current' | 'legacy-0.16';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const pricer = createPricer();

/** Decode one captured scenario in one wire format. */
export function fixtureSpans(
  set: FixtureSet,
  scenario: string,
  format: 'pb' | 'json',
): SpanRecord[] {
  const path = join(FIXTURES, set, `${scenario}.traces.${format}`);
  const body = format === 'pb' ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8');
  const decoded = decodeTraces(body, format === 'pb' ? 'protobuf' : 'json');
  expect(decoded.rejected).toEqual([]);
  return decoded.spans;
}

/** The pipeline exactly as the issue specifies it: the Traceloop normalizer and the pricer. */
export function mapTraceloopSpans(spans: readonly SpanRecord[]): MapResult {
  return mapSpans(spans, { integrations: [traceloopIntegration], price: pricer });
}

export interface ScenarioResult {
  spans: SpanRecord[];
  result: MapResult;
}

/** Map a scenario from protobuf and from OTLP/JSON, asserting both give the same events. */
export function fixtureScenario(set: FixtureSet, scenario: string): ScenarioResult {
  const spans = fixtureSpans(set, scenario, 'pb');
  const result = mapTraceloopSpans(spans);
  const fromJson = mapTraceloopSpans(fixtureSpans(set, scenario, 'json'));
  expect(fromJson.events).toEqual(result.events);
  expect(result.failed).toEqual([]);
  return { spans, result };
}
