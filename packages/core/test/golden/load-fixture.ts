import { expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeLogs, decodeTraces } from '../../src/otlp';
import { mapSpans } from '../../src/integration/create-mapper';
import type { MapResult } from '../../src/pipeline/spans-to-events';
import { createPricer } from '../../src/pricing';
import { joinLogsToSpans } from '../../src/span-record';
import type { AiEvent } from '../../src/types';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const pricer = createPricer();

/** Decode a captured scenario (traces plus logs when present) in one wire format and map it. */
export function loadScenario(
  folder: string,
  scenario: string,
  format: 'pb' | 'json',
  options: { privacyMode?: boolean } = {},
): MapResult {
  const read = (kind: 'traces' | 'logs') => {
    const path = join(FIXTURES, folder, `${scenario}.${kind}.${format}`);
    if (!existsSync(path)) return undefined;
    return format === 'pb' ? new Uint8Array(readFileSync(path)) : readFileSync(path, 'utf8');
  };
  const contentType = format === 'pb' ? 'protobuf' : 'json';
  const traces = decodeTraces(read('traces')!, contentType);
  expect(traces.rejected).toEqual([]);
  const logsBody = read('logs');
  const spans = logsBody
    ? joinLogsToSpans(traces.spans, decodeLogs(logsBody, contentType).logs).spans
    : traces.spans;
  return mapSpans(spans, { price: pricer, ...options });
}

/** The events of a scenario, asserting that protobuf and OTLP/JSON give the very same events. */
export function scenarioEvents(
  folder: string,
  scenario: string,
  options: { privacyMode?: boolean } = {},
): AiEvent[] {
  const fromProtobuf = loadScenario(folder, scenario, 'pb', options);
  const fromJson = loadScenario(folder, scenario, 'json', options);
  expect(fromJson.events).toEqual(fromProtobuf.events);
  return fromProtobuf.events;
}
