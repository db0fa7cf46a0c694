import { setOwn } from '../util/own';
import type {
  AttributeValue,
  Attributes,
  SpanKindName,
  SpanRecord,
  StatusCodeName,
} from '../types';

/** SpanRecord → OTLP/JSON (`ExportTraceServiceRequest`), for the `otlp` transport. */

const KIND: Record<SpanKindName, number> = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
};
const STATUS: Record<StatusCodeName, number> = { unset: 0, ok: 1, error: 2 };

type JsonAnyValue = Record<string, unknown>;

export function anyValueToJson(value: AttributeValue | undefined): JsonAnyValue {
  if (value === null || value === undefined) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValueToJson) } };
  return { kvlistValue: { values: attributesToJson(value) } };
}

export function attributesToJson(
  attributes: Attributes,
): Array<{ key: string; value: JsonAnyValue }> {
  return Object.keys(attributes).map((key) => ({ key, value: anyValueToJson(attributes[key]) }));
}

/** One span in OTLP/JSON; the content log records joined to it travel as span events. */
export function spanToJson(span: SpanRecord): Record<string, unknown> {
  const events = span.events.map((event) => ({
    timeUnixNano: event.timeUnixNano,
    name: event.name,
    attributes: attributesToJson(event.attributes),
  }));
  for (const record of span.logs) {
    if (!record.eventName) continue;
    const attributes: Attributes = {};
    for (const [key, value] of Object.entries(record.attributes)) setOwn(attributes, key, value);
    if (record.body !== undefined && record.body !== null) {
      if (typeof record.body === 'object' && !Array.isArray(record.body)) {
        for (const [key, value] of Object.entries(record.body)) setOwn(attributes, key, value);
      } else attributes.body = record.body;
    }
    events.push({
      timeUnixNano: record.timeUnixNano,
      name: record.eventName,
      attributes: attributesToJson(attributes),
    });
  }
  const json: Record<string, unknown> = {
    traceId: span.traceId,
    spanId: span.spanId,
    name: span.name,
    kind: KIND[span.kind] ?? 0,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano,
    attributes: attributesToJson(span.attributes),
    events,
    status: span.status.message
      ? { code: STATUS[span.status.code], message: span.status.message }
      : { code: STATUS[span.status.code] },
  };
  if (span.parentSpanId) json.parentSpanId = span.parentSpanId;
  return json;
}

/** Group spans by resource and scope into one OTLP/JSON request body. */
export function encodeTracesJson(
  spans: readonly SpanRecord[],
  encodedSpans?: ReadonlyMap<SpanRecord, string>,
): string {
  const resources = new Map<
    string,
    { resource: Attributes; scopes: Map<string, { scope: SpanRecord['scope']; spans: string[] }> }
  >();
  for (const span of spans) {
    const resourceKey = JSON.stringify(span.resource);
    let resource = resources.get(resourceKey);
    if (!resource) {
      resource = { resource: span.resource, scopes: new Map() };
      resources.set(resourceKey, resource);
    }
    const scopeKey = `${span.scope.name}\u0000${span.scope.version ?? ''}`;
    let scope = resource.scopes.get(scopeKey);
    if (!scope) {
      scope = { scope: span.scope, spans: [] };
      resource.scopes.set(scopeKey, scope);
    }
    scope.spans.push(encodedSpans?.get(span) ?? JSON.stringify(spanToJson(span)));
  }
  const resourceSpans = [...resources.values()].map(({ resource, scopes }) => {
    const scopeSpans = [...scopes.values()].map(({ scope, spans: encoded }) => {
      const scopeJson = JSON.stringify(
        scope.version ? { name: scope.name, version: scope.version } : { name: scope.name },
      );
      return `{"scope":${scopeJson},"spans":[${encoded.join(',')}]}`;
    });
    return `{"resource":{"attributes":${JSON.stringify(attributesToJson(resource))}},"scopeSpans":[${scopeSpans.join(',')}]}`;
  });
  return `{"resourceSpans":[${resourceSpans.join(',')}]}`;
}
