/** An event flattened into the columns the views filter and aggregate on. */
import { parseMaybeJson, type AiEvent } from '@llm-analytics/core';
import { P, SERVICE_NAME } from '@llm-analytics/core/semconv';
import { inputIncludesCache, toPriceProviderId } from '@llm-analytics/core/pricing';

export interface EventRow {
  project: string;
  uuid: string;
  event: string;
  timestampMicros: bigint;
  endTimestampMicros: bigint | null;
  distinctId: string;
  traceId: string | null;
  spanId: string | null;
  parentId: string | null;
  sessionId: string | null;
  spanName: string | null;
  traceName: string | null;
  model: string | null;
  provider: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheCreationTokens: number | null;
  reasoningTokens: number | null;
  inputCostUsd: number | null;
  outputCostUsd: number | null;
  totalCostUsd: number | null;
  latency: number | null;
  timeToFirstToken: number | null;
  isError: boolean;
  error: string | null;
  httpStatus: number | null;
  /** Message text only (no JSON punctuation), lower-cased, for the text search. */
  searchText: string | null;
  properties: string;
  serviceName: string | null;
  anonymous: boolean;
  duplicateOf: string | null;
  costError: string | null;
  usageEstimated: boolean;
  inputIncludesCache: boolean;
  errorType: string | null;
  /** The error's message: `message` of a structured `$ai_error`, else the error text. */
  errorMessage: string | null;
}

/** Parse an ISO time to microseconds since the epoch, keeping sub-millisecond digits. */
export function isoToMicros(iso: string): bigint | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const fraction = /\.(\d+)/.exec(iso)?.[1];
  const extraMicros =
    fraction && fraction.length > 3 ? Number(fraction.slice(3, 6).padEnd(3, '0')) : 0;
  return BigInt(ms) * 1000n + BigInt(extraMicros);
}

export function microsToIso(micros: bigint | number): string {
  return new Date(Number(BigInt(micros) / 1000n)).toISOString();
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Numbers, and numeric strings (capture clients send both). */
function number(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** Token counts go into BIGINT columns: safe integers only, so one odd value can't fail a batch. */
function count(value: unknown): number | null {
  const parsed = number(value);
  if (parsed === null) return null;
  const rounded = Math.round(parsed);
  return Number.isSafeInteger(rounded) ? rounded : null;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true' || value === 1;
}

const MAX_SEARCH_TEXT = 64 * 1024;

/** Collect the string leaves of message-like values: what a person would search for. */
function collectText(value: unknown, out: string[], depth = 0): void {
  if (depth > 12 || out.length > 2000) return;
  if (typeof value === 'string') {
    if (value !== '') out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectText(item, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectText(item, out, depth + 1);
  }
}

function searchText(properties: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const key of [P.input, P.outputChoices, P.inputState, P.outputState, P.error])
    collectText(properties[key], parts);
  if (!parts.length) return null;
  // Lower-cased once here, so a search is a plain substring scan instead of ILIKE's per-row
  // case folding.
  const joined = parts.join('\n').toLowerCase();
  return joined.length > MAX_SEARCH_TEXT ? joined.slice(0, MAX_SEARCH_TEXT) : joined;
}

/** `$ai_error` as text: a structured error (an object, or JSON text of one) is kept as JSON. */
function errorText(value: unknown): string | null {
  if (value && typeof value === 'object') return JSON.stringify(value);
  return text(value);
}

/** Type and message of an error, read from a structured `$ai_error` when it is one. */
function describeError(properties: Record<string, unknown>): {
  type: string | null;
  message: string | null;
} {
  const raw = properties[P.error];
  const structured = typeof raw === 'string' ? parseMaybeJson(raw) : raw;
  const object =
    structured && typeof structured === 'object' && !Array.isArray(structured)
      ? (structured as Record<string, unknown>)
      : undefined;
  const declaredType = text(properties[P.errorType]);
  if (!object) return { type: declaredType, message: errorText(raw) };
  const nested =
    object['error'] && typeof object['error'] === 'object'
      ? (object['error'] as Record<string, unknown>)
      : undefined;
  return {
    type: declaredType ?? text(object['name']) ?? text(object['type']) ?? text(nested?.['type']),
    message: text(object['message']) ?? text(nested?.['message']) ?? errorText(raw),
  };
}

/** Flatten an event; `receivedMicros` stands in for a missing or unreadable timestamp. */
export function toEventRow(project: string, event: AiEvent, receivedMicros: bigint): EventRow {
  const properties = event.properties;
  const timestampMicros = isoToMicros(event.timestamp) ?? receivedMicros;
  const latency = number(properties[P.latency]);
  const isError = flag(properties[P.isError]);
  const error = describeError(properties);
  return {
    project,
    uuid: event.uuid,
    event: event.event,
    timestampMicros,
    endTimestampMicros:
      latency !== null && latency >= 0 ? timestampMicros + BigInt(Math.round(latency * 1e6)) : null,
    distinctId: event.distinct_id,
    traceId: text(properties[P.traceId]),
    spanId: text(properties[P.spanId]),
    parentId: text(properties[P.parentId]),
    sessionId: text(properties[P.sessionId]),
    spanName: text(properties[P.spanName]),
    traceName: text(properties[P.traceName]),
    model: text(properties[P.model]),
    provider: text(properties[P.provider]),
    inputTokens: count(properties[P.inputTokens]),
    outputTokens: count(properties[P.outputTokens]),
    cacheReadTokens: count(properties[P.cacheReadInputTokens]),
    cacheCreationTokens: count(properties[P.cacheCreationInputTokens]),
    reasoningTokens: count(properties[P.reasoningTokens]),
    inputCostUsd: number(properties[P.inputCostUsd]),
    outputCostUsd: number(properties[P.outputCostUsd]),
    totalCostUsd: number(properties[P.totalCostUsd]),
    latency,
    timeToFirstToken: number(properties[P.timeToFirstToken]),
    isError,
    error: errorText(properties[P.error]),
    httpStatus: count(properties[P.httpStatus]),
    searchText: searchText(properties),
    properties: JSON.stringify(properties),
    serviceName: text(properties[SERVICE_NAME]),
    anonymous: properties[P.processPersonProfile] === false,
    duplicateOf: text(properties[P.duplicateOf]),
    costError: text(properties[P.costError]),
    usageEstimated: flag(properties[P.usageEstimated]),
    inputIncludesCache: inputIncludesCache(properties, toPriceProviderId(properties[P.provider])),
    errorType: isError || error.type ? error.type : null,
    errorMessage: isError ? error.message : null,
  };
}
