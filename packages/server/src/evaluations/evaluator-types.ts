/** Evaluator definitions: which generations an evaluator looks at, and how it judges them. */

/** Which stored generations an evaluator applies to; every given field must match. */
export interface EvaluatorFilters {
  /** Exact model names (any of them). */
  models?: string[];
  /** Exact provider names (any of them). */
  providers?: string[];
  /** `service.name` of the sending app (any of them). */
  apps?: string[];
  /** Span names (any of them). */
  spanNames?: string[];
  /** A top-level event property equal to a value (compared as text). */
  property?: { key: string; equals: string };
}

/** What a judge answers: a verdict, a number in a range, or one of some categories. */
export type ResultShape =
  | { type: 'boolean' }
  | { type: 'number'; min: number; max: number; passThreshold?: number }
  | { type: 'category'; categories: string[]; passing?: string[] };

/** An LLM judge over an OpenAI-compatible API (base URL and key come from the environment). */
export interface JudgeKind {
  kind: 'llm_judge';
  /** Template with `{{input}}`, `{{output}}`, `{{tools}}`, `{{properties}}`, `{{property.KEY}}`. */
  prompt: string;
  model: string;
  result: ResultShape;
}

export type CodeCheck =
  | { check: 'regex'; pattern: string; flags?: string; expect?: 'match' | 'no_match' }
  | { check: 'contains'; text: string; caseSensitive?: boolean; expect?: 'match' | 'no_match' }
  | { check: 'json_valid' }
  | { check: 'json_schema'; schema: Record<string, unknown> }
  | { check: 'length'; min?: number; max?: number }
  | { check: 'latency'; maxSeconds: number }
  | { check: 'cost'; maxUsd: number };

/** A check that needs no model. */
export interface CodeKind {
  kind: 'code';
  check: CodeCheck;
}

/** An evaluator as it is created or replaced through the API. */
export interface EvaluatorInput {
  name: string;
  enabled: boolean;
  /** Share of matching generations evaluated, 0..1 (default 1). */
  samplingRate: number;
  filters: EvaluatorFilters;
  evaluator: JudgeKind | CodeKind;
}

/** A stored evaluator. */
export interface Evaluator extends EvaluatorInput {
  id: string;
  project: string;
  /** Milliseconds since the epoch: generations received before are not picked up by the worker. */
  createdAt: number;
  updatedAt: number;
}

/** The outcome of one evaluation, before it becomes an `$ai_evaluation` event. */
export interface EvaluationOutcome {
  /** False when the criterion did not apply ("n/a"). */
  applicable: boolean;
  /** Pass / fail (for numbers and categories: against the pass threshold / passing set). */
  passed?: boolean;
  numeric?: number;
  category?: string;
  reasoning: string;
}
