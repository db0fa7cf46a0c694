/** Typed reads of `$ai_*` event properties (REFERENCE §2); unknown shapes read as undefined. */
import type { AiEvent } from '../api/types';

export function stringProp(event: AiEvent, name: string): string | undefined {
  const value = event.properties[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberProp(event: AiEvent, name: string): number | undefined {
  const value = event.properties[name];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

export function isErrorEvent(event: AiEvent): boolean {
  const value = event.properties['$ai_is_error'];
  return value === true || value === 'true';
}

export type SpanKind = 'trace' | 'generation' | 'embedding' | 'tool' | 'agent' | 'span';

/** What a tree row calls the event. */
export function spanKind(event: AiEvent): SpanKind {
  if (event.event === '$ai_generation') return 'generation';
  if (event.event === '$ai_embedding') return 'embedding';
  const declared = stringProp(event, '$ai_span_kind');
  if (declared === 'tool') return 'tool';
  if (declared === 'agent') return 'agent';
  if (event.event === '$ai_trace') return 'trace';
  return 'span';
}

export function spanName(event: AiEvent): string {
  return (
    stringProp(event, '$ai_span_name') ??
    stringProp(event, '$ai_trace_name') ??
    stringProp(event, '$ai_model') ??
    event.event
  );
}

export function spanId(event: AiEvent): string {
  return stringProp(event, '$ai_span_id') ?? event.uuid;
}

/** Start and end in epoch ms: the timestamp is the span start, `$ai_latency` its length. */
export function spanTimes(event: AiEvent): { start: number; end: number } {
  const start = new Date(event.timestamp).getTime();
  const latency = numberProp(event, '$ai_latency') ?? 0;
  return { start, end: start + latency * 1000 };
}
