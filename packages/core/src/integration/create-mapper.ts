import { diag } from '@opentelemetry/api';
import { orderNormalizers } from '../normalize/registry';
import {
  runPipeline,
  runPipelineSteps,
  type MapOptions,
  type MapResult,
} from '../pipeline/spans-to-events';
import type { Steps } from '../util/sliced';
import type { TraceContext } from '../event/to-event';
import type { AiEvent, Normalizer, SpanRecord } from '../types';
import { invalidNormalizersReason, isIntegration, type Integration } from './define-integration';

const logger = diag.createComponentLogger({ namespace: '@llm-analytics/core/mapper' });

/** Options of `createMapper`: the frameworks, the user's own normalizers, and the event stages. */
export interface MapperOptions extends Omit<MapOptions, 'traceContexts'> {
  /** Frameworks whose normalizers run after the user's and before the core's. */
  integrations?: readonly Integration[];
  /** The user's own normalizers: they run first and win field by field. */
  normalizers?: readonly Normalizer[];
}

/** Per call: state a long-lived caller keeps between batches. */
export interface MapCallOptions {
  /**
   * Trace contexts remembered across calls (the processor's LRU), so a span exported in a later
   * batch than its trace's root still gets the identity and session found there. Updated in place.
   */
  traceContexts?: Map<string, TraceContext>;
}

/** SpanRecords to `$ai_*` events, the same way for the SDK, `serve` and `convert`. */
export interface Mapper {
  /** Names of the integrations this mapper runs, in order. */
  readonly integrations: readonly string[];
  /** Map one batch; spans that fail are reported in `failed`, the others still map. */
  map(spans: readonly SpanRecord[], options?: MapCallOptions): MapResult;
  /**
   * @internal `map` in steps, for the exporter's time-sliced mapping; with `consume`, each
   * event goes to it as soon as it is built (and `events` stays empty).
   */
  mapSteps(
    spans: readonly SpanRecord[],
    options?: MapCallOptions,
    consume?: (event: AiEvent) => void,
  ): Steps<MapResult>;
}

function validIntegrations(value: unknown): Integration[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    logger.error('`integrations` must be an array; mapping with the core normalizers only');
    return [];
  }
  const out: Integration[] = [];
  for (const [index, item] of value.entries()) {
    if (isIntegration(item)) out.push(item);
    else logger.error(`integrations[${index}] was not made by defineIntegration(); it is skipped`);
  }
  return out;
}

function validNormalizers(value: unknown): Normalizer[] {
  if (value === undefined) return [];
  const reason = invalidNormalizersReason(value);
  if (reason === undefined) return [...(value as Normalizer[])];
  logger.error(`user normalizers ignored: ${reason}`);
  return [];
}

/**
 * The one function from SpanRecords to events. Normalizers run in one fixed order: the
 * user's, then the integrations' (in the order given), then the core's. Never throws:
 * malformed options are reported through `diag` and left out.
 */
export function createMapper(options: MapperOptions = {}): Mapper {
  const { integrations, normalizers, ...mapOptions } = options ?? {};
  const frameworks = validIntegrations(integrations);
  const ordered = orderNormalizers(
    validNormalizers(normalizers),
    frameworks.flatMap((integration) => integration.normalizers),
  );
  return {
    integrations: frameworks.map((integration) => integration.name),
    map: (spans, call) =>
      runPipeline(spans, ordered, { ...mapOptions, traceContexts: call?.traceContexts }),
    mapSteps: (spans, call, consume) =>
      runPipelineSteps(
        spans,
        ordered,
        { ...mapOptions, traceContexts: call?.traceContexts },
        consume,
      ),
  };
}

/** One-off mapping: `createMapper(options).map(spans)`. Build a mapper once for repeated calls. */
export function mapSpans(
  spans: readonly SpanRecord[],
  options: MapperOptions & MapCallOptions = {},
): MapResult {
  const { traceContexts, ...mapperOptions } = options ?? {};
  return createMapper(mapperOptions).map(spans, { traceContexts });
}

/** One-off mapping, the events only. */
export function spansToEvents(
  spans: readonly SpanRecord[],
  options: MapperOptions & MapCallOptions = {},
): AiEvent[] {
  return mapSpans(spans, options).events;
}
