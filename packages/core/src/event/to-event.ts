import { KEPT_RESOURCE_KEYS, NOISY_RESOURCE_PREFIXES } from '../semconv/common';
import { AI_EMBEDDING, AI_GENERATION, AI_SPAN, AI_TRACE, P } from '../semconv/posthog';
import type {
  AiEvent,
  AiEventName,
  Attributes,
  Message,
  NormalizedCall,
  SpanRecord,
} from '../types';
import { setOwn } from '../util/own';
import { deterministicUuid } from '../util/uuid';
import { anonymousDistinctId, resourceDistinctId, spanDistinctId } from './identity';
import { nanosToIso, nanosToSeconds } from './time';

/** Identity and session found anywhere in the trace, for spans that carry none themselves. */
export interface TraceContext {
  distinctId?: string;
  sessionId?: string;
  traceName?: string;
}

export interface EventOptions {
  /** Default distinct id when nothing in the span or trace names one. */
  distinctId?: string;
  /** Default properties; anything the span says wins over them. */
  properties?: Record<string, unknown>;
  /** Name of the framework (normalizer) that recognised the span. */
  framework?: string;
}

const USAGE_COUNTS = [
  'inputTokens',
  'outputTokens',
  'totalTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
] as const;

/** Event name by kind and by root-ness (REFERENCE §1). */
export function eventName(call: NormalizedCall, span: SpanRecord): AiEventName {
  if (call.kind === 'generation') return AI_GENERATION;
  if (call.kind === 'embedding') return AI_EMBEDDING;
  return span.parentSpanId ? AI_SPAN : AI_TRACE;
}

function isNoisyResourceKey(key: string): boolean {
  if (KEPT_RESOURCE_KEYS.includes(key)) return false;
  return NOISY_RESOURCE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

function passThrough(
  target: Record<string, unknown>,
  attributes: Attributes,
  skip: (key: string) => boolean,
): void {
  for (const key of Object.keys(attributes)) {
    if (!skip(key)) setOwn(target, key, attributes[key]);
  }
}

/** System instructions first, unless the messages already open with that system message. */
function inputWithSystem(call: NormalizedCall): Message[] | undefined {
  const { input, systemInstructions } = call;
  if (systemInstructions === undefined) return input;
  const first = input?.[0];
  if (
    first?.role === 'system' &&
    JSON.stringify(first.content) === JSON.stringify(systemInstructions)
  )
    return input;
  return [{ role: 'system', content: systemInstructions }, ...(input ?? [])];
}

function set(properties: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined && value !== null && value !== '') properties[key] = value;
}

/** Build the `$ai_*` event for one normalized span. Never mutates the span or the call. */
export function toEvent(
  span: SpanRecord,
  call: NormalizedCall,
  context: TraceContext = {},
  options: EventOptions = {},
): AiEvent {
  const name = eventName(call, span);
  const properties: Record<string, unknown> = {};
  if (options.properties) passThrough(properties, options.properties as Attributes, () => false);
  passThrough(properties, span.resource, isNoisyResourceKey);
  passThrough(properties, span.attributes, (key) => call.consumedKeys.has(key));
  if (call.properties) passThrough(properties, call.properties as Attributes, () => false);

  set(properties, P.traceId, span.traceId);
  set(properties, P.spanId, span.spanId);
  set(properties, P.parentId, span.parentSpanId);
  set(properties, P.spanName, call.spanName ?? span.name);
  set(
    properties,
    P.traceName,
    name === AI_TRACE
      ? (call.traceName ?? call.spanName ?? span.name)
      : (call.traceName ?? context.traceName),
  );
  set(properties, P.model, call.responseModel ?? call.requestModel);
  if (call.requestModel && call.responseModel && call.requestModel !== call.responseModel)
    set(properties, P.requestModel, call.requestModel);
  set(properties, P.provider, call.provider);
  set(properties, P.operation, call.operationName);
  if (name === AI_SPAN || name === AI_TRACE) set(properties, P.spanKind, call.kind);

  const isModelCall = name === AI_GENERATION || name === AI_EMBEDDING;
  if (isModelCall) {
    set(properties, P.input, inputWithSystem(call));
    set(properties, P.outputChoices, call.output);
  }
  set(properties, P.inputState, call.inputState);
  set(properties, P.outputState, call.outputState);

  const usage = call.usage;
  if (usage) {
    set(properties, P.inputTokens, usage.inputTokens);
    set(properties, P.outputTokens, usage.outputTokens);
    set(properties, P.totalTokens, usage.totalTokens);
    set(properties, P.cacheReadInputTokens, usage.cacheReadTokens);
    set(properties, P.cacheCreationInputTokens, usage.cacheWriteTokens);
    set(properties, P.reasoningTokens, usage.reasoningTokens);
    // The flags describe counts: a framework may state them for counts another normalizer read.
    const counted = USAGE_COUNTS.some((key) => usage[key] !== undefined);
    if (counted && usage.inputIncludesCache !== undefined)
      properties[P.inputTokensIncludeCache] = usage.inputIncludesCache;
    if (counted && usage.estimated) properties[P.usageEstimated] = true;
  }
  if (call.cost) {
    set(properties, P.inputCostUsd, call.cost.input);
    set(properties, P.outputCostUsd, call.cost.output);
    set(properties, P.totalCostUsd, call.cost.total);
  }

  set(properties, P.latency, nanosToSeconds(span.startTimeUnixNano, span.endTimeUnixNano));
  set(properties, P.timeToFirstToken, call.timeToFirstTokenSeconds);
  if (call.stream !== undefined) properties[P.stream] = call.stream;
  const parameters = call.parameters;
  if (parameters && Object.keys(parameters).length) {
    set(properties, P.temperature, parameters.temperature);
    set(properties, P.maxTokens, parameters.max_tokens);
    properties[P.modelParameters] = parameters;
  }
  set(properties, P.tools, call.tools);
  set(properties, P.stopReason, call.stopReason);
  set(properties, P.responseId, call.responseId);
  set(properties, P.httpStatus, call.httpStatus);
  set(properties, P.baseUrl, call.baseUrl);
  if (call.error !== undefined || span.status.code === 'error') {
    properties[P.isError] = true;
    set(properties, P.error, call.error ?? span.status.message ?? 'error');
  }
  set(properties, P.errorType, call.errorType);

  const sessionId = call.sessionId ?? context.sessionId;
  set(properties, P.sessionId, sessionId);
  set(properties, P.lib, span.scope.name);
  set(properties, P.libVersion, span.scope.version);
  set(properties, P.framework, options.framework);

  let distinctId =
    spanDistinctId(span.attributes) ??
    call.distinctId ??
    context.distinctId ??
    resourceDistinctId(span.resource) ??
    options.distinctId;
  if (!distinctId) {
    distinctId = anonymousDistinctId(span.traceId, sessionId);
    properties[P.processPersonProfile] = false;
  }

  return {
    event: name,
    distinct_id: distinctId,
    uuid: deterministicEventUuid(span),
    timestamp: nanosToIso(span.startTimeUnixNano),
    properties,
  };
}

/** Same trace and span, same uuid: retries and re-sends dedupe. */
export function deterministicEventUuid(span: Pick<SpanRecord, 'traceId' | 'spanId'>): string {
  return deterministicUuid(`${span.traceId}:${span.spanId}`);
}
