import { mapSpans } from '../../src/integration/create-mapper';
import { createPricer } from '../../src/pricing';
import type { AiEvent, SpanRecord } from '../../src/types';
import { makeSpan } from '../make-span';

const pricer = createPricer();

export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/** A span of one trace, ids given by a short name: `span('a', {...})` has span id `a…0`. */
export function traceSpan(id: string, overrides: Partial<SpanRecord>): SpanRecord {
  return makeSpan({
    traceId: TRACE_ID,
    spanId: id.padEnd(16, '0'),
    // 2025-11-01: inside the price table's validity for current models.
    startTimeUnixNano: '1761955200000000000',
    endTimeUnixNano: '1761955201250000000',
    ...overrides,
  });
}

/** Map spans through the whole pipeline, priced, and index the events by span id. */
export function mapPriced(spans: SpanRecord[]): {
  events: AiEvent[];
  byId: (id: string) => AiEvent;
} {
  const result = mapSpans(spans, { price: pricer });
  if (result.failed.length) throw new Error(JSON.stringify(result.failed));
  return {
    events: result.events,
    byId(id) {
      const event = result.events.find((e) => e.properties.$ai_span_id === id.padEnd(16, '0'));
      if (!event) throw new Error(`no event for span ${id}`);
      return event;
    },
  };
}

/** Price a hand-made generation, for cross-checking costs against another reporting convention. */
export function priceProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return pricer({
    event: '$ai_generation',
    distinct_id: 'x',
    uuid: '00000000-0000-0000-0000-000000000000',
    timestamp: '2025-11-01T00:00:00.000Z',
    properties,
  }).properties;
}
