import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type SpanRecord } from '@llm-analytics/core';
import { decodeTraces } from '@llm-analytics/core/otlp';
import { expect } from 'vitest';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** `CAPTURE_FIXTURES=1` rewrites the fixtures from the live run. */
export const capturing = process.env.CAPTURE_FIXTURES === '1';

/**
 * Writes the live spans of a scenario as one OTLP/JSON export request (made by the real
 * serializer the OTLP exporters use) when capturing; otherwise does nothing.
 */
export function captureFixture(suite: string, scenario: string, spans: ReadableSpan[]): void {
  if (!capturing) return;
  const dir = join(FIXTURES, suite);
  mkdirSync(dir, { recursive: true });
  const body = JsonTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error(`${suite}/${scenario}: serialization failed`);
  writeFileSync(join(dir, `${scenario}.traces.json`), Buffer.from(body));
}

/** The captured spans of a scenario, decoded from OTLP/JSON as the server decodes a request. */
export function loadFixture(suite: string, scenario: string): SpanRecord[] {
  const path = join(FIXTURES, suite, `${scenario}.traces.json`);
  expect(existsSync(path), `fixture ${suite}/${scenario}`).toBe(true);
  const decoded = decodeTraces(readFileSync(path, 'utf8'), 'json');
  expect(decoded.rejected).toEqual([]);
  return decoded.spans;
}
