import type { Normalizer } from '../types';

/** What a framework contributes to the mapping: today its normalizers, in order. */
export interface IntegrationDefinition {
  /** Stable, unique name (`vercel-ai`, `traceloop`); it also names the integration in diagnostics. */
  name: string;
  /** The framework's normalizers; they run after the user's and before the core's. */
  normalizers: readonly Normalizer[];
}

/** A framework as data, made by `defineIntegration` and handed to `createMapper` or a processor. */
export interface Integration {
  readonly name: string;
  readonly normalizers: readonly Normalizer[];
}

/** Marks objects made by `defineIntegration`, so options can tell them from look-alikes. */
const INTEGRATION = Symbol.for('llm-analytics.integration');

function isNormalizer(value: unknown): value is Normalizer {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Normalizer>;
  return (
    typeof candidate.name === 'string' &&
    candidate.name !== '' &&
    typeof candidate.matches === 'function' &&
    typeof candidate.normalize === 'function'
  );
}

/**
 * Why a value cannot be a normalizer list, or `undefined` when it can: an array of objects
 * with a non-empty `name`, `matches()` and `normalize()`.
 */
export function invalidNormalizersReason(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'normalizers must be an array';
  const index = value.findIndex((item) => !isNormalizer(item));
  return index === -1
    ? undefined
    : `normalizers[${index}] needs a non-empty name, matches() and normalize()`;
}

/**
 * Declare a framework integration. Throws a `TypeError` naming the problem when the
 * definition is malformed: integrations are written once, at module load, by their authors.
 */
export function defineIntegration(definition: IntegrationDefinition): Integration {
  if (typeof definition !== 'object' || definition === null)
    throw new TypeError('defineIntegration: the definition must be an object');
  const { name, normalizers } = definition;
  if (typeof name !== 'string' || name === '')
    throw new TypeError('defineIntegration: `name` must be a non-empty string');
  const reason = invalidNormalizersReason(normalizers);
  if (reason) throw new TypeError(`defineIntegration("${name}"): ${reason}`);
  return Object.freeze({
    name,
    normalizers: Object.freeze([...normalizers]),
    [INTEGRATION]: true,
  });
}

/** Whether a value was made by `defineIntegration` (any copy of this package). */
export function isIntegration(value: unknown): value is Integration {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[INTEGRATION] === true
  );
}
