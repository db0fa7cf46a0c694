import { isContentEventName } from '../normalize/content-events';
import { isContentKey, redactValue, type RedactOptions } from '../redact/redact-event';
import type { Attributes, SpanRecord } from '../types';
import { setOwn } from '../util/own';

function redactAttributes(attributes: Attributes, options: RedactOptions): Attributes {
  const out: Attributes = {};
  for (const key of Object.keys(attributes)) {
    if (options.privacyMode && isContentKey(key)) continue;
    setOwn(out, key, redactValue(attributes[key], options));
  }
  return out;
}

/**
 * The otlp transport's redact stage: the same media placeholders, limits and privacy mode
 * as events, applied to a copy of the span (the caller's span is never touched).
 */
export function redactSpan(span: SpanRecord, options: RedactOptions): SpanRecord {
  return {
    ...span,
    attributes: redactAttributes(span.attributes, options),
    events: span.events
      .filter((event) => !(options.privacyMode && isContentEventName(event.name)))
      .map((event) => ({ ...event, attributes: redactAttributes(event.attributes, options) })),
    logs: options.privacyMode
      ? []
      : span.logs.map((record) => ({
          ...record,
          body: redactValue(record.body, options),
          attributes: redactAttributes(record.attributes, options),
        })),
  };
}
