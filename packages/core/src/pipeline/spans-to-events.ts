import { diag } from '@opentelemetry/api';
import { collectTraceContexts, type MappedSpan } from '../event/trace-context';
import { toEvent, type EventOptions, type TraceContext } from '../event/to-event';
import { isAISpan } from '../filter/is-ai-span';
import { normalizeSpan } from '../normalize/registry';
import { redactEvent, redactEventInPlace, type RedactOptions } from '../redact/redact-event';
import { inPlaceVariant } from './in-place-stage';
import type { AiEvent, Normalizer, SpanRecord } from '../types';
import { runToEnd, type Steps } from '../util/sliced';
import { dedupeModelCalls } from './dedupe-model-calls';

const logger = diag.createComponentLogger({ namespace: '@llm-analytics/core/pipeline' });

/** A pluggable stage over finished events (pricing, enrichment). */
export type EventStage = (event: AiEvent) => AiEvent;

/** What every mapping takes besides the normalizers: identity defaults, pricing, redaction. */
export interface MapOptions extends EventOptions, RedactOptions {
  /** Pricing stage (from `@llm-analytics/core/pricing`); events stay unpriced without it. */
  price?: EventStage;
  /** Keep or drop an AI span before mapping. */
  shouldExportSpan?: (span: SpanRecord) => boolean;
  /**
   * Trace contexts remembered across calls (the processor's LRU), so a span exported in a later
   * batch than its trace's root still gets the identity and session found there. Updated in place.
   */
  traceContexts?: Map<string, TraceContext>;
}

/** Most traces remembered in a `traceContexts` map. */
export const MAX_REMEMBERED_TRACES = 1_000;

function mergeRemembered(
  batch: Map<string, TraceContext>,
  remembered: Map<string, TraceContext>,
): void {
  for (const [traceId, context] of batch) {
    const previous = remembered.get(traceId);
    const merged: TraceContext = {
      distinctId: context.distinctId ?? previous?.distinctId,
      sessionId: context.sessionId ?? previous?.sessionId,
      traceName: context.traceName ?? previous?.traceName,
    };
    batch.set(traceId, merged);
    remembered.delete(traceId);
    remembered.set(traceId, merged);
    if (remembered.size > MAX_REMEMBERED_TRACES)
      remembered.delete(remembered.keys().next().value as string);
  }
}

export interface MapResult {
  events: AiEvent[];
  /** Spans dropped because they are not AI spans. */
  nonAi: number;
  /** Spans that failed to map, with the reason. */
  failed: Array<{ spanId: string; reason: string }>;
}

/**
 * The one pipeline: filter → normalize → one generation per model call → trace context →
 * event → price → redact/limit, with normalizers already in order (see `createMapper`).
 * A span that fails at any stage is reported and skipped; the others still map.
 */
export function runPipeline(
  spans: readonly SpanRecord[],
  normalizers: readonly Normalizer[],
  options: MapOptions,
): MapResult {
  return runToEnd(runPipelineSteps(spans, normalizers, options));
}

/**
 * `runPipeline` in steps: it yields after each span normalized and each event built, so the
 * exporter can give the event loop a turn between them (100 spans of 50 KB take tens of ms).
 * With `consume`, each event goes to it as soon as it is built instead of into `events`.
 */
export function* runPipelineSteps(
  spans: readonly SpanRecord[],
  normalizers: readonly Normalizer[],
  options: MapOptions,
  consume?: (event: AiEvent) => void,
): Steps<MapResult> {
  let mapped: Array<MappedSpan & { framework: string }> = [];
  const failed: MapResult['failed'] = [];
  let nonAi = 0;
  for (const span of spans) {
    try {
      if (!isAISpan(span.scope.name, span.attributes, span.name)) {
        nonAi++;
        continue;
      }
      if (options.shouldExportSpan && !options.shouldExportSpan(span)) continue;
      const { call, normalizer } = normalizeSpan(span, normalizers);
      mapped.push({ span, call, framework: normalizer });
    } catch (error) {
      failed.push({ spanId: span.spanId, reason: String(error) });
    }
    yield;
  }
  try {
    // One generation per model call: the same call seen by two instrumentations counts once.
    mapped = dedupeModelCalls(mapped);
  } catch (error) {
    logger.warn(`duplicate model-call detection failed; events sent as mapped: ${String(error)}`);
  }
  const contexts = collectTraceContexts(mapped);
  if (options.traceContexts) mergeRemembered(contexts, options.traceContexts);
  const events: AiEvent[] = [];
  const price = options.price && inPlaceVariant(options.price);
  for (const { span, call, framework } of mapped) {
    let event: AiEvent | undefined;
    try {
      const built = toEvent(span, call, contexts.get(span.traceId), { ...options, framework });
      const priced = price ? price(built) : built;
      // The event toEvent built is ours alone: redacted without a copy. A stage's own result
      // may be shared with its caller, so it is copied as before.
      event = priced === built ? redactEventInPlace(priced, options) : redactEvent(priced, options);
    } catch (error) {
      failed.push({ spanId: span.spanId, reason: String(error) });
    }
    // Outside the try: what the consumer throws is its own failure, not this span's.
    if (event && consume) consume(event);
    else if (event) events.push(event);
    yield;
  }
  if (failed.length)
    logger.warn(`${failed.length} span(s) failed to map; first: ${failed[0]!.reason}`);
  return { events, nonAi, failed };
}
