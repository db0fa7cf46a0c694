import type { AiEvent } from '../types';

type Stage = (event: AiEvent) => AiEvent;

/**
 * The key of a stage's variant that may edit the event it is given (`createPricer` has one),
 * so the pipeline's own fresh events are priced without a copy. `Symbol.for`: every copy of
 * core in the process agrees on it.
 */
export const IN_PLACE_STAGE = Symbol.for('@llm-analytics/core/in-place-stage');

/** `stage` with an in-place variant attached (returned for chaining). */
export function withInPlaceVariant<T extends Stage>(stage: T, inPlace: Stage): T {
  Object.defineProperty(stage, IN_PLACE_STAGE, { value: inPlace });
  return stage;
}

/** The in-place variant of `stage` when it has one, else `stage` itself. */
export function inPlaceVariant(stage: Stage): Stage {
  const variant = (stage as Stage & { [IN_PLACE_STAGE]?: unknown })[IN_PLACE_STAGE];
  return typeof variant === 'function' ? (variant as Stage) : stage;
}
