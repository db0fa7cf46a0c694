/** Which generations an evaluator takes: its filters, then a deterministic sample. */
import { createHash } from 'node:crypto';
import type { Evaluator, EvaluatorFilters } from './evaluator-types';
import type { StoredGeneration } from './stored-generation';

const oneOf = (list: string[] | undefined, value: string | null) =>
  list === undefined || (value !== null && list.includes(value));

/** Why the generation does not pass the filters, or undefined when it does. */
export function filterMismatch(
  filters: EvaluatorFilters,
  generation: StoredGeneration,
): string | undefined {
  if (!oneOf(filters.models, generation.model)) return 'model filter';
  if (!oneOf(filters.providers, generation.provider)) return 'provider filter';
  if (!oneOf(filters.apps, generation.serviceName)) return 'app filter';
  if (!oneOf(filters.spanNames, generation.spanName)) return 'span name filter';
  if (filters.property) {
    const value = generation.properties[filters.property.key];
    const text =
      typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
    if (text !== filters.property.equals) return 'property filter';
  }
  return undefined;
}

/**
 * Whether the sample takes this generation: a hash of (evaluator, generation), so every
 * replica and every restart takes the same ones.
 */
export function sampled(evaluator: Evaluator, eventUuid: string): boolean {
  if (evaluator.samplingRate >= 1) return true;
  if (evaluator.samplingRate <= 0) return false;
  const hash = createHash('sha256').update(`${evaluator.id}\u0000${eventUuid}`).digest();
  return hash.readUInt32BE(0) / 0x1_0000_0000 < evaluator.samplingRate;
}
