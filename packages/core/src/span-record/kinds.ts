import type { SpanKindName, StatusCodeName } from '../types';

/** OTLP `Span.SpanKind` numbers (0 = unspecified) → names. */
export const OTLP_SPAN_KIND_NAMES: readonly SpanKindName[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

/** `@opentelemetry/api` `SpanKind` numbers (0 = INTERNAL) → names. */
export const API_SPAN_KIND_NAMES: readonly SpanKindName[] = [
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

/** OTLP `Status.StatusCode` and api `SpanStatusCode` share numbers → names. */
export const STATUS_CODE_NAMES: readonly StatusCodeName[] = ['unset', 'ok', 'error'];

/** Name of an OTLP span kind number; unknown numbers are 'unspecified'. */
export function spanKindFromOtlp(kind: number): SpanKindName {
  return OTLP_SPAN_KIND_NAMES[kind] ?? 'unspecified';
}

/** Name of a status code number; unknown numbers are 'unset'. */
export function statusCodeName(code: number): StatusCodeName {
  return STATUS_CODE_NAMES[code] ?? 'unset';
}
