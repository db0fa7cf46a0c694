import { P } from '../semconv/posthog';
import type { NormalizedCall, SpanRecord, Usage } from '../types';

/**
 * One model call seen twice: two instrumentations patching the same client (OpenInference and
 * Traceloop OpenAI), a framework span over the provider SDK's span (LangChain's LLM span over
 * the OpenAI call), or the Anthropic SDK's own `anthropic.messages.create` span under (or next
 * to) an instrumentation's span. Each becomes a generation with usage; summed, the call's
 * tokens and cost count twice. Within one trace, this stage keeps exactly one generation per
 * model call and turns the others into plain spans that point at it.
 *
 * Two model-call spans of a trace are taken for the same call only when all of these hold:
 * - same kind (generation / embedding), neither an aggregate (an outer span that sums steps);
 * - one is an ancestor of the other, or they come from different instrumentation scopes and
 *   overlap in time by at least half the shorter one (never two siblings of one library: two
 *   steps of a tool loop, or calls run in parallel, stay apart);
 * - compatible models: equal, or equal but for a date snapshot suffix (`gpt-4o-mini` and
 *   `gpt-4o-mini-2024-07-18`, `claude-haiku-4-5` and `claude-haiku-4-5-20251001`);
 * - compatible providers (equal when both are known);
 * - compatible usage: when both carry counts that were not estimated, the same output tokens
 *   and the same input tokens once both count cached tokens (Traceloop's Anthropic input
 *   excludes the cache, the SDK's includes it).
 * Groups grow pair by pair, closest pairs first, and only while every member is compatible
 * with every other one: parallel identical calls seen by two libraries pair up one to one.
 *
 * The generation kept is the one with real (not estimated) counts, then the most complete
 * usage (cache read / write, reasoning), then the one closest to the wire (with the response
 * id, then a descendant, then the later-starting, shorter span). It takes over what it lacks from the others (messages,
 * tools, parameters, stop reason, …) but keeps its own usage, so no two conventions mix.
 * The others become `$ai_span` (`$ai_trace` at the root) with `$ai_duplicate_of` set to the
 * kept span's id: no token counts, no costs, no messages (they are on the generation). When
 * a demoted span encloses the kept one in time without being its ancestor (LangChain's LLM
 * span next to the OpenAI SDK span), the kept generation is moved under it
 * (`$ai_original_parent_id` keeps the parent it had), so the trace tree reads
 * chain → LLM span → generation.
 *
 * Limits: only spans mapped together are compared (one batch of the processor, one OTLP
 * request on the server). Spans the libraries put in different traces (no common parent
 * span) are never merged.
 */

export interface DedupeItem {
  span: SpanRecord;
  call: NormalizedCall;
}

/** Above this many model calls in one trace the stage leaves the trace as it is. */
export const MAX_MODEL_CALLS_PER_TRACE = 500;

/** A snapshot suffix the API adds to a requested model: `-2024-07-18`, `-20251001`, `-latest`. */
const SNAPSHOT_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

interface Candidate extends DedupeItem {
  index: number;
  start: bigint;
  end: bigint;
  models: string[];
}

function toNanos(value: string): bigint | undefined {
  try {
    return BigInt(value);
  } catch {
    // Not a decimal string: the span cannot be placed in time.
    return undefined;
  }
}

function modelsOf(call: NormalizedCall): string[] {
  const models: string[] = [];
  for (const model of [call.responseModel, call.requestModel]) {
    if (typeof model === 'string' && model.trim() !== '') models.push(model.trim().toLowerCase());
  }
  return models;
}

function sameModel(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && SNAPSHOT_SUFFIX.test(long.slice(short.length));
}

function modelsCompatible(a: Candidate, b: Candidate): boolean {
  return a.models.some((x) => b.models.some((y) => sameModel(x, y)));
}

/** Input tokens with the cache counted in, whatever the span's convention. */
function inclusiveInput(usage: Usage): number | undefined {
  if (usage.inputTokens === undefined) return undefined;
  if (usage.inputIncludesCache !== false) return usage.inputTokens;
  return usage.inputTokens + (usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0);
}

function hasCounts(usage: Usage | undefined): usage is Usage {
  return (
    usage !== undefined && (usage.inputTokens !== undefined || usage.outputTokens !== undefined)
  );
}

function usageCompatible(a: Usage | undefined, b: Usage | undefined): boolean {
  if (!hasCounts(a) || !hasCounts(b) || a.estimated || b.estimated) return true;
  if (a.outputTokens !== undefined && b.outputTokens !== undefined) {
    if (a.outputTokens !== b.outputTokens) return false;
  }
  const inputA = inclusiveInput(a);
  const inputB = inclusiveInput(b);
  return inputA === undefined || inputB === undefined || inputA === inputB;
}

type Relation = 'ancestor' | 'overlap' | undefined;

function isAncestor(
  ancestorId: string,
  span: SpanRecord,
  parents: ReadonlyMap<string, string | undefined>,
): boolean {
  let parent = span.parentSpanId;
  for (let depth = 0; parent !== undefined && depth < 1000; depth++) {
    if (parent === ancestorId) return true;
    parent = parents.get(parent);
  }
  return false;
}

function overlapRatio(a: Candidate, b: Candidate): number {
  const overlap = (a.end < b.end ? a.end : b.end) - (a.start > b.start ? a.start : b.start);
  const shorter = a.end - a.start < b.end - b.start ? a.end - a.start : b.end - b.start;
  if (shorter <= 0n) return overlap >= 0n ? 1 : 0;
  return overlap <= 0n ? 0 : Number(overlap) / Number(shorter);
}

function relationOf(
  a: Candidate,
  b: Candidate,
  parents: ReadonlyMap<string, string | undefined>,
): Relation {
  if (isAncestor(a.span.spanId, b.span, parents) || isAncestor(b.span.spanId, a.span, parents))
    return 'ancestor';
  // Two spans of one library side by side are two calls (a tool loop, parallel calls).
  if (a.span.scope.name === b.span.scope.name) return undefined;
  return overlapRatio(a, b) >= 0.5 ? 'overlap' : undefined;
}

function compatible(a: Candidate, b: Candidate, relation: Relation): boolean {
  if (relation === undefined) return false;
  if (a.call.kind !== b.call.kind) return false;
  if (!modelsCompatible(a, b)) return false;
  if (a.call.provider && b.call.provider && a.call.provider !== b.call.provider) return false;
  return usageCompatible(a.call.usage, b.call.usage);
}

function usageRank(usage: Usage | undefined): number {
  if (!hasCounts(usage)) return 0;
  return usage.estimated ? 1 : 2;
}

function completeness(usage: Usage | undefined): number {
  if (!usage) return 0;
  return [usage.cacheReadTokens, usage.cacheWriteTokens, usage.reasoningTokens].filter(
    (count) => count !== undefined,
  ).length;
}

/** Negative when `a` is the better generation to keep. */
function compareKeepers(
  a: Candidate,
  b: Candidate,
  parents: ReadonlyMap<string, string | undefined>,
): number {
  const byCounts = usageRank(b.call.usage) - usageRank(a.call.usage);
  if (byCounts !== 0) return byCounts;
  const byDetail = completeness(b.call.usage) - completeness(a.call.usage);
  if (byDetail !== 0) return byDetail;
  // The response's own id is recorded by the span closest to the HTTP exchange.
  const byResponseId =
    Number(b.call.responseId !== undefined) - Number(a.call.responseId !== undefined);
  if (byResponseId !== 0) return byResponseId;
  if (isAncestor(b.span.spanId, a.span, parents)) return -1;
  if (isAncestor(a.span.spanId, b.span, parents)) return 1;
  if (a.start !== b.start) return a.start > b.start ? -1 : 1;
  const durationA = a.end - a.start;
  const durationB = b.end - b.start;
  if (durationA !== durationB) return durationA < durationB ? -1 : 1;
  return a.span.spanId < b.span.spanId ? -1 : 1;
}

/** Fields a kept generation takes from its duplicates when it has none of its own. */
const FILLED_FIELDS = [
  'provider',
  'requestModel',
  'responseModel',
  'input',
  'output',
  'systemInstructions',
  'tools',
  'parameters',
  'stream',
  'timeToFirstTokenSeconds',
  'stopReason',
  'responseId',
  'error',
  'errorType',
  'httpStatus',
  'baseUrl',
  'sessionId',
  'distinctId',
] as const satisfies ReadonlyArray<keyof NormalizedCall>;

function fillFrom(target: NormalizedCall, source: NormalizedCall): void {
  const record = target as unknown as Record<string, unknown>;
  const from = source as unknown as Record<string, unknown>;
  for (const field of FILLED_FIELDS) {
    if (record[field] === undefined && from[field] !== undefined) record[field] = from[field];
  }
}

function demote(call: NormalizedCall, keptSpanId: string): void {
  call.kind = 'span';
  call.usage = undefined;
  call.cost = undefined;
  call.input = undefined;
  call.output = undefined;
  call.systemInstructions = undefined;
  call.tools = undefined;
  call.properties = { ...call.properties, [P.duplicateOf]: keptSpanId };
}

function encloses(outer: Candidate, inner: Candidate): boolean {
  return outer.start <= inner.start && outer.end >= inner.end;
}

/** Union of candidate indexes into groups, complete linkage, closest pairs first. */
function groupDuplicates(
  candidates: Candidate[],
  parents: ReadonlyMap<string, string | undefined>,
): Candidate[][] {
  const n = candidates.length;
  const ok: boolean[][] = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  const pairs: Array<{ i: number; j: number; ancestor: boolean; ratio: number; gap: bigint }> = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = candidates[i]!;
      const b = candidates[j]!;
      const relation = relationOf(a, b, parents);
      if (!compatible(a, b, relation)) continue;
      ok[i]![j] = ok[j]![i] = true;
      const gap = a.start > b.start ? a.start - b.start : b.start - a.start;
      pairs.push({ i, j, ancestor: relation === 'ancestor', ratio: overlapRatio(a, b), gap });
    }
  }
  pairs.sort((x, y) => {
    if (x.ancestor !== y.ancestor) return x.ancestor ? -1 : 1;
    if (x.ratio !== y.ratio) return y.ratio - x.ratio;
    return x.gap < y.gap ? -1 : x.gap > y.gap ? 1 : 0;
  });
  const groupOf = candidates.map((_, index) => [index]);
  for (const { i, j } of pairs) {
    const left = groupOf[i]!;
    const right = groupOf[j]!;
    if (left === right) continue;
    if (!left.every((x) => right.every((y) => ok[x]![y]))) continue;
    const merged = [...left, ...right];
    for (const index of merged) groupOf[index] = merged;
  }
  const seen = new Set<number[]>();
  const groups: Candidate[][] = [];
  for (const group of groupOf) {
    if (group.length < 2 || seen.has(group)) continue;
    seen.add(group);
    groups.push(group.map((index) => candidates[index]!));
  }
  return groups;
}

/**
 * Keeps one generation (or embedding) per model call within each trace of `items`; see the
 * module comment. Updates the calls in place (they belong to the pipeline) and returns the
 * items, with a new SpanRecord (never the caller's, modified) where a generation moved.
 */
export function dedupeModelCalls<T extends DedupeItem>(items: T[]): T[] {
  const byTrace = new Map<string, Candidate[]>();
  const parents = new Map<string, string | undefined>();
  items.forEach(({ span, call }, index) => {
    parents.set(span.spanId, span.parentSpanId);
    if ((call.kind !== 'generation' && call.kind !== 'embedding') || call.aggregate) return;
    const start = toNanos(span.startTimeUnixNano);
    const end = toNanos(span.endTimeUnixNano);
    const models = modelsOf(call);
    if (start === undefined || end === undefined || end < start || models.length === 0) return;
    const list = byTrace.get(span.traceId) ?? [];
    list.push({ span, call, index, start, end, models });
    byTrace.set(span.traceId, list);
  });
  const out = [...items];
  for (const candidates of byTrace.values()) {
    if (candidates.length < 2 || candidates.length > MAX_MODEL_CALLS_PER_TRACE) continue;
    for (const group of groupDuplicates(candidates, parents)) {
      const ranked = [...group].sort((a, b) => compareKeepers(a, b, parents));
      const kept = ranked[0]!;
      for (const other of ranked.slice(1)) fillFrom(kept.call, other.call);
      for (const other of ranked.slice(1)) demote(other.call, kept.span.spanId);
      // The innermost demoted span that encloses the kept one becomes its parent.
      const enclosing = ranked
        .slice(1)
        .filter(
          (other) =>
            encloses(other, kept) &&
            !isAncestor(other.span.spanId, kept.span, parents) &&
            !isAncestor(kept.span.spanId, other.span, parents),
        )
        .sort((a, b) => (a.start > b.start ? -1 : a.start < b.start ? 1 : 0))[0];
      if (enclosing && kept.span.parentSpanId !== enclosing.span.spanId) {
        const original = kept.span.parentSpanId;
        if (original !== undefined)
          kept.call.properties = { ...kept.call.properties, [P.originalParentId]: original };
        out[kept.index] = {
          ...out[kept.index]!,
          span: { ...kept.span, parentSpanId: enclosing.span.spanId },
        };
      }
    }
  }
  return out;
}
