/** Typed reads of `$ai_*` event properties (REFERENCE §2); unknown shapes read as undefined. */
import { inputIncludesCache, toPriceProviderId } from '@llm-analytics/core';
import type { AiEvent } from '../api/types';
import { AI_EMBEDDING, AI_GENERATION, AI_TRACE, P } from './event-keys';

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
  const value = event.properties[P.isError];
  return value === true || value === 'true';
}

export type SpanKind = 'trace' | 'generation' | 'embedding' | 'tool' | 'agent' | 'span';

/** What a tree row calls the event. */
export function spanKind(event: AiEvent): SpanKind {
  if (event.event === AI_GENERATION) return 'generation';
  if (event.event === AI_EMBEDDING) return 'embedding';
  const declared = stringProp(event, P.spanKind);
  if (declared === 'tool') return 'tool';
  if (declared === 'agent') return 'agent';
  if (event.event === AI_TRACE) return 'trace';
  return 'span';
}

export function spanName(event: AiEvent): string {
  return (
    stringProp(event, P.spanName) ??
    stringProp(event, P.traceName) ??
    stringProp(event, P.model) ??
    event.event
  );
}

export function spanId(event: AiEvent): string {
  return stringProp(event, P.spanId) ?? event.uuid;
}

/** Start and end in epoch ms: the timestamp is the span start, `$ai_latency` its length. */
export function spanTimes(event: AiEvent): { start: number; end: number } {
  const start = new Date(event.timestamp).getTime();
  const latency = numberProp(event, P.latency) ?? 0;
  return { start, end: start + latency * 1000 };
}

/** Input tokens with cached tokens included, whatever the provider's convention (as the API counts). */
export function inputWithCache(event: AiEvent): number | undefined {
  const input = numberProp(event, P.inputTokens);
  if (input === undefined) return undefined;
  if (inputIncludesCache(event.properties, toPriceProviderId(event.properties[P.provider])))
    return input;
  return (
    input +
    (numberProp(event, P.cacheReadInputTokens) ?? 0) +
    (numberProp(event, P.cacheCreationInputTokens) ?? 0)
  );
}
