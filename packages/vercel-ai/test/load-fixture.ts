import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AiEvent, type SpanRecord } from '@llm-analytics/core';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { expect } from 'vitest';
import { mapWithVercel } from './map-events';

export { PRICES, cost, gpt4oMiniCost } from './map-events';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The spans of a captured scenario, decoded from one wire format. */
export function loadSpans(
  version: 'v6' | 'v7',
  scenario: string,
  format: 'pb' | 'json',
): SpanRecord[] {
  const path = join(FIXTURES, version, `${scenario}.traces.${format}`);
  if (!existsSync(path)) throw new Error(`no fixture ${path}`);
  const body = format === 'pb' ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8');
  const decoded = decodeTraces(body, format === 'pb' ? 'protobuf' : 'json');
  expect(decoded.rejected).toEqual([]);
  return decoded.spans;
}

/** Map spans the way the adapter will, asserting that none failed. */
export function mapVercelSpans(spans: readonly SpanRecord[]): AiEvent[] {
  const result = mapWithVercel(spans);
  expect(result.failed).toEqual([]);
  return result.events;
}

/** The events of a scenario; protobuf and OTLP/JSON must give the very same events. */
export function scenarioEvents(version: 'v6' | 'v7', scenario: string): AiEvent[] {
  const fromProtobuf = mapVercelSpans(loadSpans(version, scenario, 'pb'));
  const fromJson = mapVercelSpans(loadSpans(version, scenario, 'json'));
  expect(fromJson).toEqual(fromProtobuf);
  return fromProtobuf;
}

/** Events by span name, in span order. */
export function byName(events: AiEvent[], name: string): AiEvent[] {
  return events.filter((event) => event.properties.$ai_span_name === name);
}

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

/**
 * A copy of the properties with the values that change on every capture (ids, timings, the
 * mock's port, the SDK version) checked for their shape and replaced by placeholders, so a
 * test can compare every other property exactly.
 */
export function stable(properties: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...properties };
  const check = (key: string, test: (value: unknown) => boolean, placeholder: string) => {
    if (!(key in copy)) return;
    expect(test(copy[key]), `${key} = ${JSON.stringify(copy[key])}`).toBe(true);
    copy[key] = placeholder;
  };
  const isNumberIn = (min: number, max: number) => (value: unknown) =>
    typeof value === 'number' && value > min && value < max;
  check('$ai_trace_id', (v) => typeof v === 'string' && HEX32.test(v), '<trace>');
  check('$ai_span_id', (v) => typeof v === 'string' && HEX16.test(v), '<span>');
  check('$ai_parent_id', (v) => typeof v === 'string' && HEX16.test(v), '<parent>');
  check('$ai_latency', isNumberIn(0, 10), '<latency>');
  check('$ai_time_to_first_token', isNumberIn(0, 5), '<ttft>');
  check('$ai_base_url', (v) => typeof v === 'string' && /^127\.0\.0\.1:\d+$/.test(v), '<mock>');
  check('$ai_lib_version', (v) => typeof v === 'string' && /^[67]\.\d+\.\d+/.test(v), '<sdk>');
  return copy;
}
