import { mapSpans, type AiEvent, type Attributes, type SpanRecord } from '@llm-analytics/core';
import { createPricer } from '@llm-analytics/core/pricing';
import { openInferenceIntegration } from '../src';

let counter = 0;
const price = createPricer();

/** A hand-written OpenInference SpanRecord for unit tests (integration tests use real captures). */
export function makeSpan(attributes: Attributes, overrides: Partial<SpanRecord> = {}): SpanRecord {
  counter++;
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: counter.toString(16).padStart(16, '0'),
    name: 'span',
    kind: 'internal',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000001250000000',
    status: { code: 'ok' },
    scope: { name: '@arizeai/openinference-instrumentation-openai', version: '4.2.7' },
    resource: {},
    attributes,
    events: [],
    logs: [],
    ...overrides,
  };
}

/** Map spans with the OpenInference normalizer and the pricer. */
export function toEvents(...spans: SpanRecord[]): AiEvent[] {
  const result = mapSpans(spans, { integrations: [openInferenceIntegration], price });
  if (result.failed.length) throw new Error(JSON.stringify(result.failed));
  return result.events;
}

/** The properties of the one event a single span maps to. */
export function propertiesOf(attributes: Attributes, overrides: Partial<SpanRecord> = {}) {
  const [event] = toEvents(makeSpan(attributes, overrides));
  return event!.properties;
}
